import type { NextRequest } from "next/server";
import { declareAttendanceIntent } from "@/server/commands/notify/declareAttendanceIntent";
import { adminPost } from "../../../admin/post";

/** A member asks for leave (请假) with a reason, or says they will attend online or in person. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return adminPost(request, {
    command: (input, actor) => declareAttendanceIntent(input, actor),
    params: { meetingId },
    fromForm: (f) => ({ kind: f.str("kind"), reason: f.str("reason") }),
  });
}
