import { importRoster } from "@/server/commands/org/importRoster";
import { writeRoute } from "@/server/web/writeRoute";

/** Preview (dryRun) or import of a roster file; the import page posts JSON (the file in base64), a plain form posts the file. */
export const POST = writeRoute({
  command: importRoster,
  params: ["orgId"],
  form: async (f) => ({
    file: Buffer.from((await f.file("file")?.arrayBuffer()) ?? new ArrayBuffer(0)).toString("base64"),
    createMissingHouseholds: f.bool("createMissingHouseholds"),
    dryRun: false,
  }),
});
