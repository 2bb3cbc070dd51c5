import { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { seeOther } from "@/server/http";
import { isWeChat, publicOrigin } from "@/server/minutes/qrContent";
import { minutesExport } from "@/server/queries/minutesVersions";
import { getRuntime } from "@/server/runtime";
import { minutesVersionPdf } from "../versionPdf";

export const dynamic = "force-dynamic";

/**
 * The PDF of a finalized version (the latest, or ?v=N), opened in the browser (inline) rather than downloaded. WeChat's
 * in-app browser shows neither inline PDFs nor downloads: it gets the print view, which tells how to open the page in
 * the phone's browser.
 */
export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const url = new URL(request.url);
  const v = url.searchParams.get("v");
  if (isWeChat(request.headers.get("user-agent"))) return seeOther(`/meetings/${meetingId}/minutes/print${v ? `?v=${encodeURIComponent(v)}` : ""}`);
  const account = await currentAccount();
  const data = await minutesExport(account?.id ?? null, meetingId);
  const version = v ? data?.versions.find((x) => String(x.version) === v) : data?.versions[data.versions.length - 1];
  if (!data || !version) return NextResponse.json({ ok: false, error: { code: "not_found", message: "no finalized minutes" } }, { status: 404 });
  const origin = publicOrigin(getRuntime().config.publicOrigin, request.headers);
  const pdf = await minutesVersionPdf({ meetingId, data, version, origin });
  const filename = `${data.meeting.bodyName}${data.meeting.number}会议记录-第${version.version}版.pdf`;
  return new NextResponse(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="minutes-v${version.version}.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "cache-control": "no-store",
    },
  });
}
