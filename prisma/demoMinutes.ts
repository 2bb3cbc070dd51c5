/**
 * Demo minutes: the seed writes text into the live minutes of an adjourned meeting, finalizes them and has every
 * required signer sign, through the same commands users go through (as the system actor).
 */
import { SYSTEM } from "../server/commands/actor";
import { finalizeMinutes } from "../server/commands/minutes/finalizeMinutes";
import { signMinutes } from "../server/commands/minutes/signMinutes";
import { currentDb } from "../server/db";
import { AppError } from "../server/errors";
import { getMinutesHooks, type MinutesHooks, type SeedFreeText } from "../server/minutes/hooks";
import { loadMinutesStatus } from "../server/minutes/status";

/**
 * The server process registers the hooks when it starts (server/realtime/modules.ts loads them). A tool run on its
 * own (the seed CLI) has not: it loads them here, in its own — only — copy of the modules.
 */
async function hooks(): Promise<MinutesHooks> {
  const registered = getMinutesHooks();
  if (registered) return registered;
  await import("../server/realtime/yjs/registry");
  const loaded = getMinutesHooks();
  if (!loaded) throw new AppError("unavailable", "the live minutes are not running in this process");
  return loaded;
}

export type SeededMinutes = { versionId: string; sha256: string; signatures: number; meetingState: string };

/**
 * Writes `freeText` into the minutes of an adjourned meeting (a string goes after the header; an object maps record
 * block ids — "header", "attendance", "item:<id>", "vote:<motionId>" — to text), finalizes them and has every
 * required signer sign.
 */
export async function seedMinutesForMeeting(meetingId: string, freeText: SeedFreeText): Promise<SeededMinutes> {
  await (await hooks()).writeFreeText(meetingId, freeText);
  const finalized = await finalizeMinutes({ meetingId }, SYSTEM);
  const status = await loadMinutesStatus(currentDb().prisma, meetingId);
  let meetingState = status?.meetingState ?? "adjourned";
  for (const signer of status?.required ?? []) {
    const signed = await signMinutes({ meetingId, versionId: finalized.versionId, personId: signer.personId }, SYSTEM);
    meetingState = signed.meetingState;
  }
  return { versionId: finalized.versionId, sha256: finalized.sha256, signatures: status?.required.length ?? 0, meetingState };
}
