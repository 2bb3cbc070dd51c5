import { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { receiptSheetPdf } from "@/server/print/meetingNoticePdf";
import { requireAdmin } from "@/server/queries/access";
import { meetingNotice } from "@/server/queries/meetingNotice";

export const dynamic = "force-dynamic";

/** The 签收单 to print: every roster member with a signature column. Names only, no phone numbers; the clerk's. */
export async function GET(_request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const account = await currentAccount();
  try {
    if (!account) return NextResponse.json({ ok: false, error: { code: "unauthenticated", message: "login required" } }, { status: 401 });
    const viewer = { id: account.id, name: account.name };
    const notice = await meetingNotice(viewer, meetingId);
    await requireAdmin(viewer, notice.orgId);
    const pdf = await receiptSheetPdf(notice);
    return new NextResponse(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="receipt-sheet.pdf"; filename*=UTF-8''${encodeURIComponent(`${notice.bodyName}${notice.number}签收单.pdf`)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    const code = isAppError(error) ? error.code : "internal";
    const status = { unauthenticated: 401, forbidden: 403, not_found: 404 }[code as string] ?? 500;
    return NextResponse.json({ ok: false, error: { code, message: "no receipt sheet" } }, { status });
  }
}
