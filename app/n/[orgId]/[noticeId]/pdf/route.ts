import type { NextRequest } from "next/server";
import { isAppError } from "@/server/errors";
import { seeOther } from "@/server/http";
import { certificatePath, isWeChat, noticePath, siteOrigin, verifyPath } from "@/server/notice/links";
import { noticePdf } from "@/server/notice/noticePdf";
import { noticeCertificate } from "@/server/queries/certificate";
import { noticePrint } from "@/server/queries/noticePrint";

export const dynamic = "force-dynamic";

/**
 * GET: the printable notice (A4 PDF). WeChat's browser cannot open a PDF, so it gets the HTML notice with the hint
 * to open it in a real browser.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ orgId: string; noticeId: string }> }) {
  const { orgId, noticeId } = await params;
  if (isWeChat(request.headers.get("user-agent"))) return seeOther(`${noticePath(orgId, noticeId)}?from=pdf`);
  try {
    const print = await noticePrint(orgId, noticeId);
    const origin = siteOrigin(request.headers);
    const certificate = await noticeCertificate(noticeId);
    const pdf = await noticePdf({
      ...print,
      noticeUrl: `${origin}${noticePath(orgId, noticeId)}`,
      verifyUrl: `${origin}${verifyPath(orgId, noticeId)}`,
      certificates: certificate ? [{ code: certificate.code, motion: certificate.motion, url: `${origin}${certificatePath(certificate.code)}` }] : [],
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="notice-${noticeId}.pdf"; filename*=UTF-8''${encodeURIComponent(`公示-${print.title}.pdf`)}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return new Response("not found", { status: 404 });
    throw error;
  }
}
