/**
 * The pages of the QR-code login: what a printed code is worth before the member taps it (/q/<token>), and whether
 * choosing a password asks for the current one (/login/qr/password).
 */
import { currentDb } from "../db";
import { loginTokenState, needsCurrentPassword, type TokenState } from "../db/load/loginCode";

export type LoginCodeView = { state: TokenState; name: string | null; resetAt?: Date };

/** Looking does not use the code (chat apps fetch links to preview them). */
export function loginCodeView(token: string): Promise<LoginCodeView> {
  return loginTokenState(currentDb().prisma, token);
}

/** The password form of the signed-in account: asks for the current password unless it has none or just used a code. */
export async function passwordForm(accountId: string): Promise<{ askCurrent: boolean }> {
  return { askCurrent: await needsCurrentPassword(currentDb().prisma, accountId) };
}
