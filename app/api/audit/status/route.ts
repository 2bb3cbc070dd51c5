import type { NextRequest } from "next/server";
import { verifyStoredLog } from "@/server/audit/verifyStored";
import { currentAccount } from "@/server/auth/session";
import { respond } from "@/server/http";
import { requireSupervisor } from "@/server/queries/auditAccess";
import { checkpointView } from "@/server/queries/auditConsole";
import { witnessView } from "@/server/queries/witnessView";

export const dynamic = "force-dynamic";

/** GET /api/audit/status?orgId=… — does the stored log verify (the latest checkpoint, the witnesses), as JSON. */
export function GET(request: NextRequest) {
  return respond(async () => {
    const orgId = request.nextUrl.searchParams.get("orgId") ?? "";
    await requireSupervisor(await currentAccount(), orgId);
    const checkpoint = await checkpointView(orgId);
    return {
      status: await verifyStoredLog(orgId),
      checkpoint: checkpoint ? { size: checkpoint.size, root: checkpoint.rootHex, note: checkpoint.note } : null,
      // Which witnesses cosigned, which cannot be reached and which refused (issue #21), for the township's tools.
      witnessing: await witnessView(orgId),
    };
  });
}
