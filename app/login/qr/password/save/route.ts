import { setPassword } from "@/server/commands/account/setPassword";
import { writeRoute } from "@/server/web/writeRoute";

/** Saves the password (or PIN) chosen after a QR code login; a plain form post. */
export const POST = writeRoute({
  json: false,
  form: (f) => ({
    password: f.raw("password") ?? "",
    confirm: f.raw("confirm") ?? "",
    ...(f.raw("currentPassword") !== undefined ? { currentPassword: f.raw("currentPassword") } : {}),
  }),
  command: setPassword,
  done: () => "/me?password=set",
  // The page words each refusal: the reason when the command gave one, a mismatch, else the error code.
  failed: (error) => {
    const reason = error.details?.reason;
    const key = typeof reason === "string" ? reason : error.field === "confirm" ? "mismatch" : error.code;
    return `/login/qr/password?error=${encodeURIComponent(key)}`;
  },
});
