import { requestAssistedSignature } from "@/server/commands/minutes/requestAssistedSignature";
import { withQuery, writeRoute } from "@/server/web/writeRoute";
import { minutesPage, text } from "../minutesForm";

export const dynamic = "force-dynamic";

const FIELDS = ["versionId", "personId", "witness1", "witness2"] as const;

/** The recorder records a 代书 and names its two witnesses. */
export const POST = writeRoute({
  params: ["meetingId"],
  command: (input, actor) =>
    requestAssistedSignature({ meetingId: input.meetingId, ...Object.fromEntries(FIELDS.map((name) => [name, text(input, name)])) }, actor),
  form: (f) => Object.fromEntries(FIELDS.map((name) => [name, f.raw(name)])),
  back: minutesPage,
  confirm: "yes",
  done: (_result, back) => withQuery(back, { done: "assisted" }),
});
