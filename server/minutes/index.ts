/**
 * The minutes' entry points for the rest of the app (DESIGN.md §3 Minutes, issue #7).
 *
 * The live Yjs documents belong to the server process; everything here reaches them through the plain functions it
 * registered (./hooks.ts), so this file is safe to import from either side (the seed is imported by Next pages too)
 * and never loads a second copy of Yjs into Next's bundle at run time.
 */
import { SYSTEM } from "../commands/actor";
import { finalizeMinutes } from "../commands/minutes/finalizeMinutes";
import { signMinutes } from "../commands/minutes/signMinutes";
import { currentDb } from "../db";
import { AppError } from "../errors";
import { getMinutesHooks, type MinutesHooks, type SeedFreeText } from "./hooks";
import { loadMinutesStatus } from "./status";

/**
 * The server process registers the hooks when it starts (server/realtime/modules.ts loads them). A tool run on its
 * own (the seed CLI) has not: it loads them here, in its own — only — copy of the modules.
 */
async function hooks(): Promise<MinutesHooks> {
  const registered = getMinutesHooks();
  if (registered) return registered;
  await import("../realtime/yjs/registry");
  const loaded = getMinutesHooks();
  if (!loaded) throw new AppError("unavailable", "the live minutes are not running in this process");
  return loaded;
}

/** Shutdown: store every pending edit and stop the minutes' timers before the database closes (server and CLI tools). */
export async function flushAllMinutes(): Promise<void> {
  await getMinutesHooks()?.flushAll();
}

export type SeededMinutes = { versionId: string; sha256: string; signatures: number; meetingState: string };

/**
 * Demo data: writes `freeText` into the minutes of an adjourned meeting (a string goes after the header; an object
 * maps record block ids — "header", "attendance", "item:<id>", "vote:<motionId>" — to text), finalizes them and has
 * every required signer sign, all through the same commands users go through (as the system actor).
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

export type { SeedFreeText };
