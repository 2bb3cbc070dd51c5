import { codeAttemptSucceeded, reserveCodeAttempt } from "@/server/auth/throttle";
import { coSignWithCode } from "@/server/commands/proposal/coSignWithCode";
import { AppError } from "@/server/errors";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** The co-signature itself, after a try was reserved for this address; a code that works gives the try back. */
async function sign(address: string, input: Record<string, unknown>) {
  if (!(await reserveCodeAttempt(address)))
    throw new AppError("rate_limited", "too many wrong codes from this address", { field: "code", details: { reason: "code_throttled" } });
  const result = await coSignWithCode({ proposalId: input.proposalId, code: input.code ?? "" });
  await codeAttemptSucceeded(address);
  return result;
}

/**
 * A resident without an account co-signs with the one-time code (联名码) the clerk handed them: no session needed,
 * the code is the credential. Wrong codes are counted per address (server/auth/throttle.ts). A plain form comes back
 * to the proposals page with `?saved=code` or the reason in words.
 */
export async function POST(request: Request, context: { params: Promise<{ proposalId: string }> }) {
  // Set by server/index.ts from the TCP peer (or the trusted proxy's X-Forwarded-For); never from the client.
  const address = request.headers.get("x-yishi-client-ip") ?? "unknown";
  const route = writeRoute<"proposalId", Awaited<ReturnType<typeof sign>>>({
    anonymous: true,
    params: ["proposalId"],
    command: (input) => sign(address, input),
    form: (f) => ({ code: f.str("code") }),
    fallback: "/",
    done: (_result, back) => withQuery(back, { saved: "code" }),
  });
  return route(request, context);
}
