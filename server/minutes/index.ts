/**
 * The minutes' entry points for the rest of the app (DESIGN.md §3 Minutes, issue #7).
 *
 * The live Yjs documents belong to the server process; everything here reaches them through the plain functions it
 * registered (./hooks.ts), so this file is safe to import from either side and never loads a second copy of Yjs into
 * Next's bundle at run time. The demo minutes are written by the seed (prisma/demoMinutes.ts).
 */
import { getMinutesHooks, type SeedFreeText } from "./hooks";

/** Shutdown: store every pending edit and stop the minutes' timers before the database closes (server and CLI tools). */
export async function flushAllMinutes(): Promise<void> {
  await getMinutesHooks()?.flushAll();
}

export type { SeedFreeText };
