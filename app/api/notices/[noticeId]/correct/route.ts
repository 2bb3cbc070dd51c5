import { correctNotice } from "@/server/commands/notice/correctNotice";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** POST {reason, title?, body?, periodDays?}: a correction notice superseding this one. */
export const POST = writeRoute({
  fallback: "/",
  loggedOut: "back",
  command: (input, actor) => correctNotice(input, actor),
  params: ["noticeId"],
  confirm: true,
  form: (f) => ({ reason: f.text("reason") ?? "", title: f.text("title"), body: f.text("body"), periodDays: f.int("periodDays") }),
  done: (result, back) => withQuery(back, { done: `corrected:${result.id}` }),
});
