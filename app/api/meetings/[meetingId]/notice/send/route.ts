import type { NextRequest } from "next/server";
import { sendMeetingNotice } from "@/server/commands/notify/sendMeetingNotice";
import { kickOutbox } from "@/server/notify/outbox";
import { adminPost } from "../../../../admin/post";

/** The clerk issues the meeting notice through the chosen channels; SMS and WeCom leave through the outbox after commit. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const response = await adminPost(request, {
    command: (input, actor) => sendMeetingNotice(input, actor),
    params: { meetingId },
    fromForm: (f) => ({ channels: f.all("channels") }),
  });
  kickOutbox();
  return response;
}
