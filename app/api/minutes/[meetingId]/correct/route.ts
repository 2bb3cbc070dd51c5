import { correctMinutes } from "@/server/commands/minutes/correctMinutes";
import { minutesAction } from "../minutesAction";

export const dynamic = "force-dynamic";

/** The recorder submits a correction after sign-off: a new version with a reason (更正). */
export async function POST(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return minutesAction(request, meetingId, "correct", (actor, fields) => correctMinutes({ meetingId, reason: fields.reason ?? "" }, actor));
}
