import { submitProposal } from "@/server/commands/proposal/submitProposal";
import { writeRoute } from "@/server/web/writeRoute";

/** A resident raises a topic for the village (议题征集) from their phone, with up to three photos or PDFs (multipart). */
export const POST = writeRoute({
  command: submitProposal,
  form: async (f) => ({
    orgId: f.str("orgId"),
    title: f.str("title"),
    description: f.str("description"),
    attachments: await Promise.all(f.files("attachments").map(async (file) => ({ filename: file.name, data: new Uint8Array(await file.arrayBuffer()) }))),
  }),
});
