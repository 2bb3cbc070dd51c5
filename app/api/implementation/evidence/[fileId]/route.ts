import { AppError } from "@/server/errors";
import { evidenceFile } from "@/server/queries/implementation";
import { storedFileRoute } from "@/server/web/storedFile";

export const dynamic = "force-dynamic";

/** Opens a progress report's photo or document inline, for whoever may read the organization's implementation record. */
export const GET = storedFileRoute<{ fileId: string }>({
  read: async (viewer, { fileId }) => {
    if (!viewer) throw new AppError("unauthenticated", "login required");
    return evidenceFile({ id: viewer.id, name: viewer.name }, fileId);
  },
});
