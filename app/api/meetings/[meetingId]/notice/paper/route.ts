import { recordPaperReceipts } from "@/server/commands/notify/recordPaperReceipts";
import { writeRoute } from "@/server/web/writeRoute";

/** The clerk ticks the members who signed the paper 签收单, optionally with the scanned sheet (multipart `scan`). */
export const POST = writeRoute({
  command: (input, actor) => recordPaperReceipts(input, actor),
  params: ["meetingId"],
  form: async (f) => {
    const file = f.file("scan");
    const scan = file && file.size > 0 ? { filename: file.name, data: new Uint8Array(await file.arrayBuffer()) } : undefined;
    return { personIds: f.all("personIds"), signedOn: f.str("signedOn"), ...(scan ? { scan } : {}) };
  },
});
