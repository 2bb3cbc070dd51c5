import { notFound, redirect } from "next/navigation";
import { meetingOfJoinCode } from "@/server/queries/joinMeeting";

export const dynamic = "force-dynamic";

/** /j/<code>: the short link on the projector's QR code, scanned in WeChat. Opens the live meeting. */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const meeting = await meetingOfJoinCode(code);
  if (!meeting) notFound();
  redirect(`/meetings/${meeting.id}/live`);
}
