import { AppError } from "@/server/errors";
import { signatureScan } from "@/server/queries/signatureScan";
import { storedFileRoute } from "@/server/web/storedFile";

export const dynamic = "force-dynamic";

/** Opens the scan of a signed sheet inline (a phone shows it), for whoever may read the meeting's minutes. */
export const GET = storedFileRoute<{ meetingId: string; scanId: string }>({
  read: async (viewer, { meetingId, scanId }) => {
    if (!viewer) throw new AppError("unauthenticated", "login required");
    return signatureScan(viewer.id, meetingId, scanId);
  },
});
