import { describe, expect, it } from "vitest";
import {
  currentSpeaker,
  emptySpeakersQueue,
  finishSpeech,
  grantFloor,
  pendingRequests,
  remainingSeconds,
  requestFloor,
  type SpeakersQueue,
  speakersInOrder,
  withdrawRequest,
} from "./speakers";

const at = (second: number) => new Date(Date.UTC(2025, 5, 1, 8, 0, second));

function queueOf(...personIds: string[]): SpeakersQueue {
  return personIds.reduce((q, id, i) => requestFloor(q, id, at(i)), emptySpeakersQueue("item-1", 180));
}

describe("speakers queue", () => {
  it("lists pending requests in order of request", () => {
    expect(pendingRequests(queueOf("a", "b", "c")).map((e) => [e.seq, e.personId])).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]);
  });

  it("refuses a second pending request of one member on the item", () => {
    expect(() => requestFloor(queueOf("a", "b"), "a", at(9))).toThrow(expect.objectContaining({ code: "conflict", field: "personId" }));
  });

  it("refuses a request from the member who is speaking, and allows one after the speech", () => {
    const speaking = grantFloor(queueOf("a"), "a", at(5));
    expect(() => requestFloor(speaking, "a", at(6))).toThrow(expect.objectContaining({ code: "conflict" }));
    const again = requestFloor(finishSpeech(speaking, at(60)), "a", at(61));
    expect(pendingRequests(again).map((e) => e.seq)).toEqual([2]);
  });

  it("lets the chair grant any pending request, not only the head", () => {
    const q = grantFloor(queueOf("a", "b", "c"), "c", at(10));
    expect(currentSpeaker(q)).toMatchObject({ personId: "c", grantedAt: at(10) });
    expect(pendingRequests(q).map((e) => e.personId)).toEqual(["a", "b"]);
  });

  it("has one speaker at a time", () => {
    const q = grantFloor(queueOf("a", "b"), "a", at(10));
    expect(() => grantFloor(q, "b", at(11))).toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it.each([
    ["grant to someone who did not ask", (q: SpeakersQueue) => grantFloor(q, "z", at(9)), "not_found"],
    ["withdraw without a request", (q: SpeakersQueue) => withdrawRequest(q, "z", at(9)), "not_found"],
    ["finish with nobody speaking", (q: SpeakersQueue) => finishSpeech(q, at(9)), "conflict"],
  ] as const)("refuses to %s", (_label, act, code) => {
    expect(() => act(queueOf("a"))).toThrow(expect.objectContaining({ code }));
  });

  it("withdraws a pending request", () => {
    const q = withdrawRequest(queueOf("a", "b"), "a", at(8));
    expect(pendingRequests(q).map((e) => e.personId)).toEqual(["b"]);
    expect(q.entries[0]).toMatchObject({ status: "withdrawn", endedAt: at(8) });
    expect(() => grantFloor(q, "a", at(9))).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("records speakers in the order they spoke, for the minutes", () => {
    let q = queueOf("a", "b", "c");
    q = finishSpeech(grantFloor(q, "b", at(10)), at(20));
    q = finishSpeech(grantFloor(q, "a", at(21)), at(30));
    expect(speakersInOrder(q).map((e) => [e.personId, e.status])).toEqual([
      ["b", "finished"],
      ["a", "finished"],
    ]);
  });

  it("does not mutate the queue it is given", () => {
    const q = queueOf("a");
    grantFloor(q, "a", at(5));
    expect(q.entries[0].status).toBe("pending");
  });

  it.each([0, -5, 1.5])("refuses a time limit of %s", (limit) => {
    expect(() => emptySpeakersQueue("item-1", limit)).toThrow(expect.objectContaining({ field: "limitSeconds" }));
  });
});

describe("remainingSeconds", () => {
  it.each([
    [0, 0, 180],
    [0, 1, 179],
    [0, 179, 1],
    [500, 179, 2], // 1.5 s left: rounded up while any part of a second is left
    [500, 180, 1],
    [0, 180, 0],
    [0, 600, 0],
  ])("granted at +%i ms, now at +%i s → %i", (grantedMs, nowSeconds, expected) => {
    const grantedAt = new Date(at(0).getTime() + grantedMs);
    expect(remainingSeconds(grantedAt, 180, at(nowSeconds))).toBe(expected);
  });

  it("treats a clock behind the grant as no time elapsed", () => {
    expect(remainingSeconds(at(10), 60, at(5))).toBe(60);
  });
});
