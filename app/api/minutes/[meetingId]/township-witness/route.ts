import { signAsTownshipWitness } from "@/server/commands/minutes/signAsTownshipWitness";
import { withQuery, writeRoute } from "@/server/web/writeRoute";
import { minutesPage, text } from "../minutesForm";

export const dynamic = "force-dynamic";

/** A township reviewer recorded as 列席 signs the version they read as a witness (见证, issue #20). */
export const POST = writeRoute({
  params: ["meetingId"],
  command: (input, actor) => signAsTownshipWitness({ meetingId: input.meetingId, versionId: text(input, "versionId") }, actor),
  form: (f) => ({ versionId: f.raw("versionId") }),
  back: minutesPage,
  confirm: "yes",
  done: (_result, back) => withQuery(back, { done: "townshipWitness" }),
});
