import { finalizeMinutes } from "@/server/commands/minutes/finalizeMinutes";
import { withQuery, writeRoute } from "@/server/web/writeRoute";
import { minutesPage } from "../minutesForm";

export const dynamic = "force-dynamic";

/** The recorder finalizes the minutes (定稿); the form carries the ticked confirmation. */
export const POST = writeRoute({
  params: ["meetingId"],
  command: (input, actor) => finalizeMinutes({ meetingId: input.meetingId }, actor),
  form: () => ({}),
  back: minutesPage,
  confirm: "yes",
  done: (_result, back) => withQuery(back, { done: "finalize" }),
});
