/**
 * One member's own view of a live meeting (attendance, recusals, their ballots), as their phone asks for it on
 * joining or reconnecting. Views asked for in the same turn of the event loop are read together.
 */
import { type MemberView, memberViews } from "../db/load/memberViews";

export type { MemberView } from "../db/load/memberViews";

type Waiting = { personId: string; resolve: (view: MemberView) => void; reject: (error: unknown) => void };

// Per meeting, the views asked for in the same turn of the event loop: a burst of votes acknowledged together asks
// for hundreds at once, and they are read with a fixed number of queries instead of seven each (PGlite runs one
// query at a time).
const waiting = new Map<string, Waiting[]>();

/** What one member's phone needs beyond the shared view: their own attendance, recusals and votes. */
export function memberView(meetingId: string, personId: string): Promise<MemberView> {
  return new Promise((resolve, reject) => {
    let queue = waiting.get(meetingId);
    if (!queue) {
      const fresh: Waiting[] = [];
      queue = fresh;
      waiting.set(meetingId, fresh);
      setImmediate(() => {
        waiting.delete(meetingId);
        void answer(meetingId, fresh);
      });
    }
    queue.push({ personId, resolve, reject });
  });
}

async function answer(meetingId: string, queue: Waiting[]): Promise<void> {
  try {
    const views = await memberViews(meetingId, [...new Set(queue.map((w) => w.personId))]);
    for (const w of queue) {
      const view = views.get(w.personId);
      if (view) w.resolve(view);
      else w.reject(new Error("person not found"));
    }
  } catch (error) {
    for (const w of queue) w.reject(error);
  }
}
