import type { NextRequest } from "next/server";
import { deletePerson } from "@/server/commands/org/deletePerson";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  return adminPost(request, { command: deletePerson, params: { personId }, fromForm: () => ({}) });
}
