import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { voteReceipt } from "@/server/queries/auditReceipt";
import { download } from "../download";

export const dynamic = "force-dynamic";

/** GET /api/audit/receipt?motionId=… — the signed-in voter's receipt of their named vote (c2sp.org/tlog-proof),
 * shown inline as text (WeChat's browser cannot save files); `node verify.mjs --receipt` checks the saved text. */
export function GET(request: NextRequest) {
  return download(async () => {
    const account = await currentAccount();
    const proof = await voteReceipt(account, request.nextUrl.searchParams.get("motionId") ?? "");
    return { body: proof.text, fileName: proof.fileName, contentType: "text/plain; charset=utf-8", inline: true };
  });
}
