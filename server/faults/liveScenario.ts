/**
 * One run through a live meeting — attendance, check-in, the speakers' queue, a named vote with its tally, close and
 * announcement — driven by the chair's and members' phones, while watchers (observers, possibly on other nodes)
 * must see every step. Used by the several-nodes and nginx tests.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Phone, Watcher } from "./clients";

export type Hall = {
  meetingId: string;
  chair: Phone;
  /** Members' phones with their person ids and names (at least three). */
  members: { phone: Phone; personId: string; name: string }[];
  /** How many members are present when the scenario starts (everyone, in a fresh assembly). */
  present: number;
};

async function ok<T>(reply: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const answer = await reply;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

/** Every watcher sees a state matching `predicate`. */
async function allSee(watchers: Watcher[], predicate: Parameters<Watcher["waitFor"]>[0], timeoutMs = 10_000): Promise<void> {
  await Promise.all(watchers.map((w) => w.waitFor(predicate, timeoutMs)));
}

export async function runLiveScenario(hall: Hall, watchers: Watcher[]): Promise<void> {
  const { meetingId, chair, members } = hall;
  const [second, last] = [members[1], members.at(-1)] as Hall["members"];
  const from = Math.max(0, ...watchers.map((w) => w.states.at(-1)?.version ?? 0));

  // Attendance: the chair marks a member absent, the member checks in again on their phone.
  await ok(chair.call("meeting:attendance", { meetingId, personId: last.personId, status: "absent" }));
  await allSee(watchers, (s) => s.version > from && s.attendance.present === hall.present - 1);
  await ok(last.phone.call("meeting:checkIn", { meetingId }));
  await allSee(watchers, (s) => s.version > from && s.attendance.present === hall.present);

  // Speakers: a member asks for the floor, the chair grants it, then ends it.
  await ok(second.phone.call("meeting:floor", { meetingId }));
  await allSee(watchers, (s) => s.speakers.queue.some((q) => q.name === second.name));
  await ok(chair.call("meeting:grant", { meetingId, action: "grant", personId: second.personId }));
  await allSee(watchers, (s) => s.speakers.current?.name === second.name);
  await ok(chair.call("meeting:grant", { meetingId, action: "finish" }));
  await allSee(watchers, (s) => s.version > from && s.speakers.current === null && s.speakers.queue.length === 0);

  // A named vote: opened, cast on every phone, the tally's progress, closed, announced.
  const opened = await ok(
    chair.call<{ result: { motionId: string } }>("vote:open", { meetingId, text: "村集体鱼塘发包方案", method: "named", matterKind: "general" }),
  );
  const motionId = opened.result.motionId;
  await allSee(watchers, (s) => s.motion?.id === motionId && s.motion.state === "open");
  const choices = members.map((_, i) => (i % 3 === 2 ? "no" : "yes"));
  await Promise.all(members.map((m, i) => ok(m.phone.call("vote:cast", { meetingId, motionId, choice: choices[i], clientId: randomUUID() }))));
  await allSee(watchers, (s) => s.motion?.id === motionId && s.motion.castCount === members.length);
  const closed = await ok(chair.call<{ result: { result: { tally: { yes: number; no: number; abstain: number } } } }>("vote:close", { meetingId, motionId }));
  expect(closed.result.result.tally).toMatchObject({
    yes: choices.filter((c) => c === "yes").length,
    no: choices.filter((c) => c === "no").length,
    abstain: 0,
  });
  await ok(chair.call("vote:announce", { meetingId, motionId }));
  await allSee(watchers, (s) => s.motion?.id === motionId && s.motion.state === "announced");
  for (const watcher of watchers) {
    const announced = watcher.states.findLast((s) => s.motion?.state === "announced");
    expect(announced?.motion?.result?.tally).toEqual(closed.result.result.tally);
    // With several nodes, states can arrive out of order (each node broadcasts after its own commands); the page
    // keeps the highest version, which must be the final one.
    const newest = watcher.states.reduce((a, b) => (b.version > a.version ? b : a));
    // One version, one state: whichever node read it, a state under a version says the same as every other.
    const byVersion = new Map<number, string>();
    for (const state of watcher.states) {
      const said = JSON.stringify({ attendance: state.attendance, speakers: state.speakers, motion: state.motion });
      expect(said, `version ${state.version}`).toBe(byVersion.get(state.version) ?? said);
      byVersion.set(state.version, said);
    }
    expect(newest.motion).toMatchObject({ id: motionId, state: "announced" });
  }
}
