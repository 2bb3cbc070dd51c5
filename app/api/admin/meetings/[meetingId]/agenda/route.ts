import type { NextRequest } from "next/server";
import { addAgendaItem } from "@/server/commands/meeting/addAgendaItem";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return adminPost(request, { command: addAgendaItem, params: { meetingId }, fromForm: (f) => ({ title: f.str("title"), matterId: f.str("matterId") ?? null }) });
}
