import type { NextRequest } from "next/server";
import { deleteHousehold } from "@/server/commands/org/deleteHousehold";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ householdId: string }> }) {
  const { householdId } = await params;
  return adminPost(request, { command: deleteHousehold, params: { householdId }, fromForm: () => ({}) });
}
