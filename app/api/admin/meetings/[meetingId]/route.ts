import type { NextRequest } from "next/server";
import { updateMeeting } from "@/server/commands/meeting/updateMeeting";
import { meetingFromForm } from "../../meetingForm";
import { adminPost } from "../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return adminPost(request, { command: updateMeeting, params: { meetingId }, fromForm: (f) => meetingFromForm(f, true) });
}
