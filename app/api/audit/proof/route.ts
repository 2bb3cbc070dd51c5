import type { NextRequest } from "next/server";
import { proofForEntry } from "@/server/audit/proofs";
import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { requireSupervisor } from "@/server/queries/auditAccess";
import { download } from "../download";

export const dynamic = "force-dynamic";

/** GET /api/audit/proof?orgId=…&seq=… — a supervisor's tlog-proof of any entry against the latest checkpoint. */
export function GET(request: NextRequest) {
  return download(async () => {
    const orgId = request.nextUrl.searchParams.get("orgId") ?? "";
    const seq = Number(request.nextUrl.searchParams.get("seq"));
    await requireSupervisor(await currentAccount(), orgId);
    if (!Number.isSafeInteger(seq) || seq < 0) throw new AppError("invalid_input", "seq must be an entry number", { field: "seq" });
    const proof = await proofForEntry(orgId, seq);
    return { body: proof.text, fileName: `yishi-entry-${seq}.tlog-proof`, contentType: "text/plain; charset=utf-8" };
  });
}
