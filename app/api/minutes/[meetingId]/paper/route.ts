import { recordPaperSignatures } from "@/server/commands/minutes/recordPaperSignatures";
import { AppError } from "@/server/errors";
import { withQuery, writeRoute } from "@/server/web/writeRoute";
import { minutesPage } from "../minutesForm";

export const dynamic = "force-dynamic";

/**
 * Paper signatures with the scanned sheet (multipart: versionId, personIds…, file): JSON when asked for, else 303.
 * A scan over its limit is refused in words by the command; a body far beyond it, at the door (server/web/requestGate.ts).
 */
export const POST = writeRoute({
  params: ["meetingId"],
  command: recordPaperSignatures,
  form: async (f) => {
    const file = f.file("file");
    if (!file) throw new AppError("invalid_input", "no file", { field: "file", details: { reason: "empty" } });
    const personIds = f.all("personIds");
    if (personIds.length === 0) throw new AppError("invalid_input", "nobody ticked", { field: "personIds", details: { reason: "no_person" } });
    return { versionId: f.raw("versionId") ?? "", personIds, filename: file.name, data: new Uint8Array(await file.arrayBuffer()) };
  },
  jsonWhenAccepted: true,
  back: minutesPage,
  confirm: "yes",
  done: (_result, back) => withQuery(back, { done: "paper" }),
});
