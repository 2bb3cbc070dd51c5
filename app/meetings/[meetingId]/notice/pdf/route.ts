import { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { seeOther } from "@/server/http";
import { isWeChat, siteOrigin } from "@/server/notice/links";
import { meetingNoticePdf } from "@/server/print/meetingNoticePdf";
import { meetingNotice } from "@/server/queries/meetingNotice";

export const dynamic = "force-dynamic";

/** The printable A4 会议通知, opened in the browser (inline); WeChat cannot show a PDF and gets the page instead. */
export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const page = `/meetings/${encodeURIComponent(meetingId)}/notice`;
  if (isWeChat(request.headers.get("user-agent"))) return seeOther(page);
  const account = await currentAccount();
  try {
    const notice = await meetingNotice(account ? { id: account.id, name: account.name } : null, meetingId);
    const pdf = await meetingNoticePdf(notice, `${siteOrigin(request.headers)}${page}`);
    return new NextResponse(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="meeting-notice.pdf"; filename*=UTF-8''${encodeURIComponent(`${notice.bodyName}${notice.number}会议通知.pdf`)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    const code = isAppError(error) ? error.code : "internal";
    const status = { unauthenticated: 401, forbidden: 403, not_found: 404 }[code as string] ?? 500;
    return NextResponse.json({ ok: false, error: { code, message: "no notice" } }, { status });
  }
}
