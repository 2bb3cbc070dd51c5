import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { respond } from "@/server/http";
import { auditTimeline } from "@/server/queries/auditTimeline";

export const dynamic = "force-dynamic";

/** GET /api/audit/timeline?orgId=…&meeting=&actor=&action=&from=&to=&page= — the console's timeline as JSON. */
export function GET(request: NextRequest) {
  return respond(async () => {
    const params = Object.fromEntries(request.nextUrl.searchParams);
    return auditTimeline(await currentAccount(), params.orgId ?? "", params);
  });
}
