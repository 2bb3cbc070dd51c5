import type { NextRequest } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { uploadMaterial } from "@/server/commands/meeting/uploadMaterial";
import { AppError, isAppError } from "@/server/errors";
import { readForm, respond, seeOther } from "@/server/http";
import { withQuery } from "../../../post";

async function upload(request: NextRequest, meetingId: string): Promise<{ id: string }> {
  const account = await currentAccount();
  if (!account) throw new AppError("unauthenticated", "login required");
  // A body beyond a 20 MB file and its envelope was refused at the door, unread (server/web/requestGate.ts); a file
  // just over 20 MB gets here and is refused in words by the command.
  const form = await readForm(request).catch(() => null);
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
