import { z } from "zod";

/** The cookie that carries a just-issued co-signing code to the clerk's page, once (10 minutes, this path only). */
export const SIGN_CODE_SLIP_COOKIE = "yishi_sign_code_slip";

const slipSchema = z.object({ codeId: z.string(), code: z.string(), personName: z.string(), proposalTitle: z.string(), expiresAt: z.string() });
export type SignCodeSlip = z.infer<typeof slipSchema>;

/** The slip for `?slip=<codeId>`, or null when the cookie is missing, stale or for another code. */
export function readSlip(cookie: string | undefined, codeId: string | undefined): SignCodeSlip | null {
  if (!cookie || !codeId) return null;
  try {
    const parsed = slipSchema.safeParse(JSON.parse(cookie));
    return parsed.success && parsed.data.codeId === codeId ? parsed.data : null;
  } catch {
    return null;
  }
}
