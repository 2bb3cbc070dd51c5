import { logoutEverywhere } from "@/server/commands/security/revokeSessions";
import { signedOut } from "@/server/web/sessionCookies";
import { writeRoute } from "@/server/web/writeRoute";

/** 在所有设备上退出. A form post (then to the login page, this browser's cookie cleared) or a JSON call. */
export const POST = writeRoute({
  command: (_input, actor) => logoutEverywhere({}, actor),
  body: "none",
  form: () => ({}),
  loggedOut: signedOut,
  reply: signedOut,
});
