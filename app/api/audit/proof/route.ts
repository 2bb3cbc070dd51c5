import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { supervisorProof } from "@/server/queries/auditExports";
import { download } from "../download";

export const dynamic = "force-dynamic";

/** GET /api/audit/proof?orgId=…&seq=… — a supervisor's tlog-proof of any entry against the latest checkpoint. */
export function GET(request: NextRequest) {
  return download(async () => {
    const orgId = request.nextUrl.searchParams.get("orgId") ?? "";
    const seq = Number(request.nextUrl.searchParams.get("seq"));
    const proof = await supervisorProof(await currentAccount(), orgId, seq);
    return { body: proof.text, fileName: `yishi-entry-${seq}.tlog-proof`, contentType: "text/plain; charset=utf-8" };
  });
}
