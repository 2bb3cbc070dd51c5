import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { respond } from "@/server/http";
import { voteReceiptPath } from "@/server/queries/receiptPage";
import { publicUrl, qrSvg } from "@/server/web/joinUrl";

export const dynamic = "force-dynamic";

/**
 * GET /api/audit/receipt/link?motionId=… — for the signed-in voter only: the address of the receipt page of their
 * named vote (/r/<token>) and a QR code of it, drawn here as SVG.
 */
export function GET(request: NextRequest) {
  return respond(async () => {
    const account = await currentAccount();
    const path = await voteReceiptPath(account, request.nextUrl.searchParams.get("motionId") ?? "");
    const url = publicUrl(path, request.headers);
    return { path, url, qrSvg: await qrSvg(url) };
  });
}
