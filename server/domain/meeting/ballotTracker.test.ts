import { describe, expect, it } from "vitest";
import { isTracker, makeTracker, normalizeTracker, sortedTrackers, TRACKER_BYTES } from "./ballotTracker";

const bytes = (fill: number) => new Uint8Array(TRACKER_BYTES).fill(fill);

describe("ballot trackers", () => {
  it.each([
    [0x00, "0000-0000-0000-0000"],
    [0xff, "ZZZZ-ZZZZ-ZZZZ-ZZZZ"],
  ])("encodes bytes %i as %s", (fill, tracker) => {
    expect(makeTracker(bytes(fill))).toBe(tracker);
  });

  it("gives different trackers for different bytes, in Crockford base32", () => {
    const a = makeTracker(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const b = makeTracker(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
    expect(a).not.toBe(b);
    expect(isTracker(a) && isTracker(b)).toBe(true);
    expect(a).not.toMatch(/[ILOU]/);
  });

  it.each([9, 11, 0])("refuses %i random bytes", (length) => {
    expect(() => makeTracker(new Uint8Array(length))).toThrow(expect.objectContaining({ code: "invalid_input", field: "randomBytes" }));
  });

  it.each([
    ["7k3f 9qx2 m0da b4tc", "7K3F-9QX2-M0DA-B4TC"],
    ["7K3F-9QX2-MODA-B4TC", "7K3F-9QX2-M0DA-B4TC"], // O read as 0
    ["IL00-0000-0000-0000", "1100-0000-0000-0000"],
    ["7K3F-9QX2", null],
    ["UUUU-0000-0000-0000", null],
  ])("normalizes %s as typed by a voter", (input, expected) => {
    expect(normalizeTracker(input)).toBe(expected);
  });

  it("sorts trackers for the close-of-vote audit entry, whatever the order of casting", () => {
    const ballots = [{ tracker: "ZZZZ-0000-0000-0000" }, { tracker: "0000-0000-0000-0001" }, { tracker: "A000-0000-0000-0000" }];
    expect(sortedTrackers(ballots)).toEqual(["0000-0000-0000-0001", "A000-0000-0000-0000", "ZZZZ-0000-0000-0000"]);
    expect(sortedTrackers([...ballots].reverse())).toEqual(sortedTrackers(ballots));
  });

  it("refuses a repeated or malformed tracker", () => {
    expect(() => sortedTrackers([{ tracker: "0000-0000-0000-0001" }, { tracker: "0000-0000-0000-0001" }])).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
    expect(() => sortedTrackers([{ tracker: "voter-42" }])).toThrow(expect.objectContaining({ code: "invalid_input", field: "tracker" }));
  });
});
