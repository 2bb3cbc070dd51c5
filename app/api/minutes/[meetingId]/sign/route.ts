import { signMinutes } from "@/server/commands/minutes/signMinutes";
import { withQuery, writeRoute } from "@/server/web/writeRoute";
import { minutesPage, text } from "../minutesForm";

export const dynamic = "force-dynamic";

/** A required signer signs the version they read (签字确认); the form carries the ticked confirmation. */
export const POST = writeRoute({
  params: ["meetingId"],
  command: (input, actor) => signMinutes({ meetingId: input.meetingId, versionId: text(input, "versionId") }, actor),
  form: (f) => ({ versionId: f.raw("versionId") }),
  back: minutesPage,
  confirm: "yes",
  done: (_result, back) => withQuery(back, { done: "sign" }),
});
