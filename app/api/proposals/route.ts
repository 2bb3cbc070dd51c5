import type { NextRequest } from "next/server";
import { submitProposal } from "@/server/commands/proposal/submitProposal";
import { adminPost } from "../admin/post";

/** A resident raises a topic for the village (议题征集) from their phone, with up to three photos or PDFs (multipart). */
export async function POST(request: NextRequest) {
  return adminPost(request, {
    command: submitProposal,
    fromForm: async (f) => ({
      orgId: f.str("orgId"),
      title: f.str("title"),
      description: f.str("description"),
      attachments: await Promise.all(f.files("attachments").map(async (file) => ({ filename: file.name, data: new Uint8Array(await file.arrayBuffer()) }))),
    }),
  });
}
