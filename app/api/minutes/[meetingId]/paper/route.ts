import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { recordPaperSignatures, SCAN_MAX_BYTES } from "@/server/commands/minutes/recordPaperSignatures";
import { AppError, isAppError } from "@/server/errors";
import { respond, seeOther } from "@/server/http";
import { errorQuery } from "../minutesAction";

export const dynamic = "force-dynamic";

/** Room for the multipart envelope and the form fields around a scan of the largest allowed size. */
const ENVELOPE_BYTES = 64 * 1024;

/** Reads and drops a refused body (up to a limit) so that the browser gets our answer rather than a reset. */
async function discard(request: NextRequest): Promise<void> {
  const reader = request.body?.getReader();
  let seen = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) return;
    seen += value.byteLength;
    if (seen > 10 * SCAN_MAX_BYTES) return void (await reader.cancel());
  }
}

async function record(request: NextRequest, meetingId: string, isForm: boolean) {
  const account = await currentAccount();
  if (!account) throw new AppError("unauthenticated", "login required");
  if (Number(request.headers.get("content-length") ?? "0") > SCAN_MAX_BYTES + ENVELOPE_BYTES) {
    await discard(request);
    throw new AppError("invalid_input", "scan larger than 10 MB", { field: "file", details: { reason: "scan_too_large" } });
  }
  const form = await request.formData().catch(() => null);
  if (isForm && form?.get("confirm") !== "yes") throw new AppError("invalid_input", "the confirmation is not ticked", { field: "confirm" });
  const file = form?.get("file");
  if (!file || typeof file === "string") throw new AppError("invalid_input", "no file", { field: "file", details: { reason: "empty" } });
  const personIds = (form?.getAll("personIds") ?? []).filter((v): v is string => typeof v === "string");
  if (personIds.length === 0) throw new AppError("invalid_input", "nobody ticked", { field: "personIds", details: { reason: "no_person" } });
  const versionId = form?.get("versionId");
  return recordPaperSignatures(
    { meetingId, versionId: typeof versionId === "string" ? versionId : "", personIds, filename: file.name, data: new Uint8Array(await file.arrayBuffer()) },
    accountActor(account.id, account.name),
  );
}

/** Paper signatures with the scanned sheet (multipart: versionId, personIds…, file): JSON when asked for, else 303. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  if ((request.headers.get("accept") ?? "").includes("application/json")) return respond(() => record(request, meetingId, false));
  const back = `/meetings/${encodeURIComponent(meetingId)}/minutes`;
  try {
    await record(request, meetingId, true);
    return seeOther(`${back}?done=paper`);
  } catch (error) {
    if (!isAppError(error)) console.error(error);
    if (isAppError(error) && error.code === "unauthenticated") return seeOther("/login");
    return seeOther(`${back}?${errorQuery(error)}`);
  }
}
