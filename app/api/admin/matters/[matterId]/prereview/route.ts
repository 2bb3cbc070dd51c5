import type { NextRequest } from "next/server";
import { requestPreReview } from "@/server/commands/township/requestPreReview";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ matterId: string }> }) {
  const { matterId } = await params;
  return adminPost(request, { command: requestPreReview, params: { matterId }, fromForm: () => ({}) });
}
