import type { NextRequest } from "next/server";
import { acknowledgeNotice } from "@/server/commands/notify/acknowledgeNotice";
import { adminPost } from "../../../../admin/post";

/** A member signs for the meeting notice (签收) from 我的会议. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return adminPost(request, { command: (input, actor) => acknowledgeNotice(input, actor), params: { meetingId }, fromForm: () => ({}) });
}
