import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { supervisorBundle } from "@/server/queries/auditExports";
import { download } from "../download";

export const dynamic = "force-dynamic";

/**
 * GET /api/audit/bundle?orgId=… — the organization's export bundle (DESIGN.md §6) as a .zip, for its supervisors.
 * A checkpoint is signed first if entries are unsigned. A damaged log is still handed out: it is the evidence, and
 * its verify.mjs names the first bad seq.
 */
export function GET(request: NextRequest) {
  return download(async () => {
    const orgId = request.nextUrl.searchParams.get("orgId") ?? "";
    const zip = await supervisorBundle(await currentAccount(), orgId);
    return { body: zip.stream, fileName: zip.fileName, contentType: "application/zip" };
  });
}
