import type { NextRequest } from "next/server";
import { recordPaperReceipts } from "@/server/commands/notify/recordPaperReceipts";
import { adminPost } from "../../../../admin/post";

/** The clerk ticks the members who signed the paper 签收单, optionally with the scanned sheet (multipart `scan`). */
export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return adminPost(request, {
    command: (input, actor) => recordPaperReceipts(input, actor),
    params: { meetingId },
    fromForm: async (f) => {
      const file = f.file("scan");
      const scan = file && file.size > 0 ? { filename: file.name, data: new Uint8Array(await file.arrayBuffer()) } : undefined;
      return { personIds: f.all("personIds"), signedOn: f.str("signedOn"), ...(scan ? { scan } : {}) };
    },
  });
}
