import { confirmWitness } from "@/server/commands/minutes/confirmWitness";
import { withQuery, writeRoute } from "@/server/web/writeRoute";
import { minutesPage, text } from "../minutesForm";

export const dynamic = "force-dynamic";

/** A named witness confirms a 代书 on their own phone. */
export const POST = writeRoute({
  params: ["meetingId"],
  command: (input, actor) => confirmWitness({ meetingId: input.meetingId, personId: text(input, "personId") }, actor),
  form: (f) => ({ personId: f.raw("personId") }),
  back: minutesPage,
  confirm: "yes",
  // The second confirmation makes the 代书 a signature: the witness is told so.
  done: (result, back) => withQuery(back, { done: result.isSigned ? "witnessed" : "witness" }),
});
