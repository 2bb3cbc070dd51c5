import type { NextRequest } from "next/server";
import { updateAgendaItem } from "@/server/commands/meeting/updateAgendaItem";
import { adminPost } from "../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ itemId: string }> }) {
  const { itemId } = await params;
  return adminPost(request, { command: updateAgendaItem, params: { itemId }, fromForm: (f) => ({ title: f.str("title"), matterId: f.nullable("matterId") }) });
}
