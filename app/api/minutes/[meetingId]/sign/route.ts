import { signMinutes } from "@/server/commands/minutes/signMinutes";
import { minutesAction } from "../minutesAction";

export const dynamic = "force-dynamic";

/** A required signer signs the version they read (签字确认). */
export async function POST(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return minutesAction(request, meetingId, "sign", (actor, fields) => signMinutes({ meetingId, versionId: fields.versionId }, actor));
}
