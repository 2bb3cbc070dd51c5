import { setNoticeDays } from "@/server/commands/notice/setNoticeDays";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** POST {noticeDays}: the organization's default notice period. */
export const POST = writeRoute({
  fallback: "/",
  loggedOut: "back",
  command: setNoticeDays,
  params: ["orgId"],
  form: (f) => ({ noticeDays: f.int("noticeDays") }),
  done: (_result, back) => withQuery(back, { done: "days" }),
});
