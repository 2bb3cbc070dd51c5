import type { NextRequest } from "next/server";
import { removeAgendaItem } from "@/server/commands/meeting/removeAgendaItem";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ itemId: string }> }) {
  const { itemId } = await params;
  return adminPost(request, { command: removeAgendaItem, params: { itemId }, fromForm: () => ({}) });
}
