import { confirmWitness } from "@/server/commands/minutes/confirmWitness";
import { minutesAction } from "../minutesAction";

export const dynamic = "force-dynamic";

/** A named witness confirms a 代书 on their own phone. */
export async function POST(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return minutesAction(request, meetingId, "witness", (actor, fields) => confirmWitness({ meetingId, personId: fields.personId }, actor));
}
