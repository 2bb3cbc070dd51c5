import { correctMinutes } from "@/server/commands/minutes/correctMinutes";
import { withQuery, writeRoute } from "@/server/web/writeRoute";
import { minutesPage, text } from "../minutesForm";

export const dynamic = "force-dynamic";

/** The recorder submits a correction after sign-off: a new version with a reason (更正). */
export const POST = writeRoute({
  params: ["meetingId"],
  command: (input, actor) => correctMinutes({ meetingId: input.meetingId, reason: text(input, "reason") ?? "" }, actor),
  form: (f) => ({ reason: f.raw("reason") }),
  back: minutesPage,
  confirm: "yes",
  done: (_result, back) => withQuery(back, { done: "correct" }),
});
