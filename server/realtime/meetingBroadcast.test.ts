/**
 * A meeting's state reaches its rooms even when the read behind a broadcast fails: the database busy past the read's
 * budget, or restarting. Before, the failure was logged and every screen kept the old state until the next change —
 * a phone not showing the vote the chair had just opened.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

const reads = vi.hoisted(() => ({ failuresLeft: 0, version: 1, calls: 0 }));

vi.mock("../queries/liveMeeting", () => ({
  meetingVersion: async () => reads.version,
  liveViews: async (_meetingId: string, audiences: string[]) => {
    reads.calls += 1;
    if (reads.failuresLeft > 0) {
      reads.failuresLeft -= 1;
      throw Object.assign(new Error("Transaction already closed"), { code: "P2028" });
    }
    return audiences.map((audience) => ({ audience, version: reads.version }));
  },
}));

import type { Runtime } from "../runtime";
import { setRuntime } from "../runtime";
import { roomOf, scheduleBroadcast } from "./meetingBroadcast";

function fakeIo() {
  const sent: { room: string; version: number }[] = [];
  const io = { to: (room: string) => ({ emit: (_event: string, view: { version: number }) => sent.push({ room, version: view.version }) }) };
  setRuntime({ io, shuttingDown: false, inFlight: new Set() } as unknown as Runtime);
  return sent;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("a meeting's broadcast", () => {
  it("sends the state once the read works again after failing twice", async () => {
    vi.useFakeTimers();
    const sent = fakeIo();
    reads.failuresLeft = 2;
    reads.version = 7;
    scheduleBroadcast("m1");
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual([]);
    // 0.5 s, then 1 s later: the third read works; both rooms get version 7, once.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent).toEqual([
      { room: roomOf("m1", "chair"), version: 7 },
      { room: roomOf("m1", "public"), version: 7 },
    ]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toHaveLength(2);
  });

  it("gives up after six retries and sends again on the meeting's next change", async () => {
    vi.useFakeTimers();
    const sent = fakeIo();
    reads.failuresLeft = 100;
    reads.version = 9;
    reads.calls = 0;
    scheduleBroadcast("m2");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reads.calls).toBe(7);
    expect(sent).toEqual([]);
    reads.failuresLeft = 0;
    reads.version = 10;
    scheduleBroadcast("m2");
    await vi.advanceTimersByTimeAsync(200);
    expect(sent.map((s) => s.version)).toEqual([10, 10]);
  });
});
