import { requestAssistedSignature } from "@/server/commands/minutes/requestAssistedSignature";
import { minutesAction } from "../minutesAction";

export const dynamic = "force-dynamic";

/** The recorder records a 代书 and names its two witnesses. */
export async function POST(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return minutesAction(request, meetingId, "assisted", (actor, fields) =>
    requestAssistedSignature({ meetingId, versionId: fields.versionId, personId: fields.personId, witness1: fields.witness1, witness2: fields.witness2 }, actor),
  );
}
