import { replyToObjection } from "@/server/commands/notice/replyToObjection";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** POST {text}: a supervisor's published reply to one objection. */
export const POST = writeRoute({
  fallback: "/",
  loggedOut: "back",
  command: (input, actor) => replyToObjection(input, actor),
  params: ["objectionId"],
  confirm: true,
  form: (f) => ({ text: f.text("text") ?? "" }),
  done: (_result, back) => withQuery(back, { done: "replied" }),
});
