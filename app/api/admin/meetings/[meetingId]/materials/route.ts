import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { MATERIAL_MAX_BYTES } from "@/server/commands/meeting/materialType";
import { uploadMaterial } from "@/server/commands/meeting/uploadMaterial";
import { AppError, isAppError } from "@/server/errors";
import { respond, seeOther } from "@/server/http";
import { withQuery } from "../../../post";

/** Room for the multipart envelope around a file of the largest allowed size. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Reads and drops the body of a refused upload (up to a limit), so that the browser gets our answer and not a reset
 * connection; a body beyond the limit is cut off.
 */
async function discard(request: NextRequest): Promise<void> {
  const reader = request.body?.getReader();
  if (!reader) return;
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    seen += value.byteLength;
    if (seen > 10 * MATERIAL_MAX_BYTES) {
      await reader.cancel();
      return;
    }
  }
}

async function upload(request: NextRequest, meetingId: string): Promise<{ id: string }> {
  const account = await currentAccount();
  if (!account) throw new AppError("unauthenticated", "login required");
  // Refuse an oversized upload before reading it into memory.
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MATERIAL_MAX_BYTES + ENVELOPE_BYTES) {
    await discard(request);
    throw new AppError("invalid_input", "file larger than 20 MB", { field: "file", details: { reason: "too_large" } });
  }
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!file || typeof file === "string") throw new AppError("invalid_input", "no file", { field: "file", details: { reason: "empty" } });
  const data = new Uint8Array(await file.arrayBuffer());
  return uploadMaterial({ meetingId, filename: file.name, data }, accountActor(account.id, account.name));
}

/** A material upload (multipart, field `file`): JSON back when asked for (`accept: application/json`), else 303. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const back = `/admin/meetings/${encodeURIComponent(meetingId)}`;
  if ((request.headers.get("accept") ?? "").includes("application/json")) return respond(() => upload(request, meetingId));
  try {
    await upload(request, meetingId);
    return seeOther(withQuery(back, { saved: "1" }));
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    if (appError.code === "unauthenticated") return seeOther("/login");
    const reason = appError.details?.reason;
    return seeOther(withQuery(back, { error: appError.code, field: appError.field, reason: typeof reason === "string" ? reason : undefined }));
  }
}
