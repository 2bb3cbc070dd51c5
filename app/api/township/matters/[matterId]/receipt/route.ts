import type { NextRequest } from "next/server";
import { acknowledgeFiling } from "@/server/commands/township/acknowledgeFiling";
import { adminPost } from "../../../../admin/post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ matterId: string }> }) {
  const { matterId } = await params;
  return adminPost(request, { command: acknowledgeFiling, params: { matterId }, fromForm: () => ({}) });
}
