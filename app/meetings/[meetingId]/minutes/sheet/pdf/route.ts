import { NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { seeOther } from "@/server/http";
import { isWeChat } from "@/server/minutes/qrContent";
import { signInSheetPdf } from "@/server/print/signInSheetPdf";
import { sheetData } from "../sheetData";

export const dynamic = "force-dynamic";

/** The sign-in sheet as a PDF, opened in the browser; WeChat, which shows no PDF, gets the printable page instead. */
export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  if (isWeChat(request.headers.get("user-agent"))) return seeOther(`/meetings/${meetingId}/minutes/sheet`);
  const account = await currentAccount();
  // The sheet is printed for the hall, in Chinese whatever the reader's language.
  const data = await sheetData(account?.id ?? null, meetingId, "zh-CN");
  if (!data) return NextResponse.json({ ok: false, error: { code: "not_found", message: "meeting not found" } }, { status: 404 });
  const pdf = await signInSheetPdf(data);
  return new NextResponse(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="sign-in-sheet.pdf"; filename*=UTF-8''${encodeURIComponent(`${data.title}.pdf`)}`,
      "cache-control": "no-store",
    },
  });
}
