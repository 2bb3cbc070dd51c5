import { finalizeMinutes } from "@/server/commands/minutes/finalizeMinutes";
import { minutesAction } from "../minutesAction";

export const dynamic = "force-dynamic";

/** The recorder finalizes the minutes (定稿). */
export async function POST(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return minutesAction(request, meetingId, "finalize", (actor) => finalizeMinutes({ meetingId }, actor));
}
