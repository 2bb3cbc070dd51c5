import { confirmWitness, type ConfirmedWitness } from "@/server/commands/minutes/confirmWitness";
import { minutesAction } from "../minutesAction";

export const dynamic = "force-dynamic";

/** A named witness confirms a 代书 on their own phone. */
export async function POST(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  // The second confirmation makes the 代书 a signature: the witness is told so.
  const done = (result: unknown) => ((result as ConfirmedWitness).isSigned ? "witnessed" : "witness");
  return minutesAction(request, meetingId, done, (actor, fields) => confirmWitness({ meetingId, personId: fields.personId }, actor));
}
