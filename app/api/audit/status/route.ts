import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { respond } from "@/server/http";
import { supervisorLogStatus } from "@/server/queries/auditExports";

export const dynamic = "force-dynamic";

/** GET /api/audit/status?orgId=… — does the stored log verify (the latest checkpoint, the witnesses), as JSON. */
export function GET(request: NextRequest) {
  return respond(async () => supervisorLogStatus(await currentAccount(), request.nextUrl.searchParams.get("orgId") ?? ""));
}
