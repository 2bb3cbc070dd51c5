import type { NextRequest } from "next/server";
import { importRoster } from "@/server/commands/org/importRoster";
import { adminPost } from "../../../post";

/** Preview (dryRun) or import of a roster CSV; the import page posts JSON, a plain form posts the file. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return adminPost(request, {
    command: importRoster,
    params: { orgId },
    fromForm: async (f) => ({
      csv: (await f.file("file")?.text()) ?? "",
      createMissingHouseholds: f.bool("createMissingHouseholds"),
      dryRun: false,
    }),
  });
}
