import { fileObjection } from "@/server/commands/notice/fileObjection";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** POST {text}: a resident's objection to this notice, within its window. */
export const POST = writeRoute({
  fallback: "/",
  loggedOut: "back",
  command: (input, actor) => fileObjection(input, actor),
  params: ["noticeId"],
  form: (f) => ({ text: f.text("text") ?? "" }),
  done: (_result, back) => `${withQuery(back, { done: "filed" })}#objections`,
});
