import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { publicOrigin } from "@/server/minutes/qrContent";
import { archiveSource, archiveZip } from "@/server/queries/archivePackage";
import { getRuntime } from "@/server/runtime";
import { download } from "../audit/download";
import { printedFiles } from "./printed";

export const dynamic = "force-dynamic";

/**
 * GET /api/archive?meetingId=… or ?matterId=… — the archive package of a meeting or a matter (issue #23 item 4) as a
 * .zip: PDF/A minutes, notices, sign-in sheet, vote records, evidence, signature scans, the audit bundle,
 * metadata.xml, the four-property self-check and manifest.json. For the village's admin and supervisors and the
 * township's staff; a pure read (a checkpoint is signed first if entries are unsigned, as for the audit bundle).
 */
export function GET(request: NextRequest) {
  return download(async () => {
    const params = request.nextUrl.searchParams;
    const meetingId = params.get("meetingId");
    const scope = meetingId ? { kind: "meeting" as const, id: meetingId } : { kind: "matter" as const, id: params.get("matterId") ?? "" };
    const account = await currentAccount();
    const source = await archiveSource(account ? { id: account.id, name: account.name } : null, scope);
    const printed = await printedFiles(source, publicOrigin(getRuntime().config.publicOrigin, request.headers));
    const zip = await archiveZip(source, printed);
    return { body: zip.stream, fileName: zip.fileName, contentType: "application/zip" };
  });
}
