import { describe, expect, it } from "vitest";
import { forecastQuorum } from "./forecast";
import { backoffMs, type DeliveryRow, firstDelivery, summarizeDelivery } from "./noticeDelivery";

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 2));
const row = (personId: string, channel: string, status: string, sentAt: Date | null, receivedAt: Date | null = null): DeliveryRow => ({
  personId,
  channel,
  status,
  sentAt,
  receivedAt,
});

describe("the delivery summary", () => {
  it("counts a member once whatever the channels, ignores queued and failed rows and people no longer on the roster", () => {
    const rows = [
      row("a", "in_app", "received", at(20), at(21)),
      row("a", "sms", "sent", at(19)),
      row("b", "sms", "failed", null),
      row("c", "wecom", "queued", null),
      row("d", "paper", "received", at(22), at(22)),
      row("gone", "in_app", "sent", at(10)),
    ];
    const summary = summarizeDelivery(["a", "b", "c", "d"], rows, [
      { personId: "b", kind: "leave" },
      { personId: "gone", kind: "leave" },
    ]);
    expect(summary).toMatchObject({ members: 4, notified: 2, received: 2, leave: 1, online: 0, earliest: at(19), unreached: ["b", "c"] });
  });

  it("has no earliest delivery before anyone was reached", () => {
    expect(firstDelivery([row("a", "sms", "failed", null), row("a", "sms", "queued", null)])).toBeNull();
  });

  it("waits 1, 2, 4, 8, 16 minutes between tries, never more than an hour", () => {
    expect([1, 2, 3, 4, 5, 8].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 60]);
  });
});

describe("the quorum forecast", () => {
  const roster = Array.from({ length: 15 }, (_, i) => `p${i}`);
  it.each([
    // 村民代表会议: 三分之二以上 of 15 = 10 (VCOL).
    { leave: 5, expected: 10, reachable: true },
    { leave: 6, expected: 9, reachable: false },
  ])("villager representatives, 15 members, $leave on leave: $expected expected", ({ leave, expected, reachable }) => {
    const intents = roster.slice(0, leave).map((personId) => ({ personId, kind: "leave" }));
    expect(forecastQuorum({ body: "villager-representatives", roster, intents })).toMatchObject({ expected, reachable, quorumRequired: 10 });
  });

  it("counts online intents only where online attendance counts (成员大会, RCEOL 27)", () => {
    const intents = roster.slice(0, 6).map((personId) => ({ personId, kind: "online" }));
    expect(forecastQuorum({ body: "villager-representatives", roster, intents })).toMatchObject({ expected: 9, onlineNotCounted: 6, reachable: false });
    expect(forecastQuorum({ body: "members-assembly", roster, intents })).toMatchObject({ expected: 15, onlineNotCounted: 0, reachable: true });
  });
});
