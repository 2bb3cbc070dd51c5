import { AppError } from "@/server/errors";
import { materialFile } from "@/server/queries/meetingInfo";
import { storedFileRoute } from "@/server/web/storedFile";

export const dynamic = "force-dynamic";

/** Opens a material (PDF or image) for a participant of its meeting, inline so a phone shows it; `?download=1` saves it. */
export const GET = storedFileRoute<{ meetingId: string; materialId: string }>({
  allowDownload: true,
  read: async (viewer, { meetingId, materialId }) => {
    if (!viewer) throw new AppError("unauthenticated", "login required");
    return materialFile(viewer, meetingId, materialId);
  },
});
