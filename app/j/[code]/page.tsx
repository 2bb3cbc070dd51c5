import { notFound, redirect } from "next/navigation";
import { getRuntime } from "@/server/runtime";

export const dynamic = "force-dynamic";

/** /j/<code>: the short link on the projector's QR code, scanned in WeChat. Opens the live meeting. */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!/^[0-9a-z]{8}$/.test(code)) notFound();
  const meeting = await getRuntime().db.prisma.meeting.findUnique({ where: { shortCode: code }, select: { id: true } });
  if (!meeting) notFound();
  redirect(`/meetings/${meeting.id}/live`);
}
