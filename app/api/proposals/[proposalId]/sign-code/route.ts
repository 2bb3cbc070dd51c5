import type { NextRequest } from "next/server";
import { codeAttemptSucceeded, reserveCodeAttempt } from "@/server/auth/throttle";
import { coSignWithCode } from "@/server/commands/proposal/coSignWithCode";
import { AppError, isAppError } from "@/server/errors";
import { isJsonRequest, readForm, readJsonObject, respond, seeOther } from "@/server/http";
import { withQuery } from "../../../admin/post";

/** The co-signature itself, after a try was reserved for this address; a code that works gives the try back. */
async function sign(address: string, proposalId: string, code: unknown) {
  if (!(await reserveCodeAttempt(address))) throw new AppError("rate_limited", "too many wrong codes from this address", { field: "code", details: { reason: "code_throttled" } });
  const result = await coSignWithCode({ proposalId, code });
  await codeAttemptSucceeded(address);
  return result;
}

/**
 * A resident without an account co-signs with the one-time code (联名码) the clerk handed them: no session needed,
 * the code is the credential. Wrong codes are counted per address (server/auth/throttle.ts). A plain form comes back
 * to the proposals page with `?saved=code` or the reason in words.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ proposalId: string }> }) {
  const { proposalId } = await params;
  // Set by server/index.ts from the TCP peer (or the trusted proxy's X-Forwarded-For); never from the client.
  const address = request.headers.get("x-yishi-client-ip") ?? "unknown";
  if (isJsonRequest(request)) return respond(async () => sign(address, proposalId, (await readJsonObject(request)).code));
  const form = await readForm(request).catch(() => null);
  const backField = form?.get("back");
  const back = typeof backField === "string" && backField.startsWith("/") && !backField.startsWith("//") ? backField : "/";
  try {
    await sign(address, proposalId, form?.get("code") ?? "");
    return seeOther(withQuery(back, { saved: "code" }));
  } catch (error) {
    const appError = isAppError(error) ? (error as AppError) : new AppError("internal", "internal error");
    const reason = appError.details?.reason;
    return seeOther(withQuery(back, { error: appError.code, field: appError.field, reason: typeof reason === "string" ? reason : undefined }));
  }
}
