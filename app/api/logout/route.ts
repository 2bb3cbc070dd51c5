import { logoutEverywhere } from "@/server/commands/security/revokeSessions";
import { signedOut } from "@/server/web/sessionCookies";
import { writeRoute } from "@/server/web/writeRoute";

/**
 * Ends this browser's session (a form post, so it works without JavaScript). Clearing the cookie alone would leave a
 * copied token valid for up to 12 hours (issue #17): the session is revoked on the server too, with the account's
 * token version, which ends the account's other sessions as well (SECURITY.md).
 */
export const POST = writeRoute({
  command: (_input, actor) => logoutEverywhere({}, actor),
  body: "none",
  json: false,
  loggedOut: signedOut,
  reply: signedOut,
});
