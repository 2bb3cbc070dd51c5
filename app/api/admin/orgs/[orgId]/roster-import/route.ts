import type { NextRequest } from "next/server";
import { importRoster } from "@/server/commands/org/importRoster";
import { adminPost } from "../../../post";

/** Preview (dryRun) or import of a roster file; the import page posts JSON (the file in base64), a plain form posts the file. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return adminPost(request, {
    command: importRoster,
    params: { orgId },
    fromForm: async (f) => ({
      file: Buffer.from((await f.file("file")?.arrayBuffer()) ?? new ArrayBuffer(0)).toString("base64"),
      createMissingHouseholds: f.bool("createMissingHouseholds"),
      dryRun: false,
    }),
  });
}
