/**
 * Stored alerts (issue #20 item 7) against a full recomputation on the demo township, through the app's own
 * commands: after each command of a meeting (scheduled, opened, voted, adjourned), an objection, a matter moved, a
 * checkpoint, after deadlines pass and after the township changes a threshold, the stored alerts — and every
 * dashboard filter read from them — equal what computing every organization afresh gives. Only the organizations
 * that changed are recomputed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DemoNotices } from "../../prisma/demoNotice";
import { seedDemo } from "../../prisma/seed";
import { checkpointAllOrgs } from "../audit/checkpointer";
import { accountActor, SYSTEM } from "../commands/actor";
import { adjournMeeting } from "../commands/live/adjournMeeting";
import { announceResult } from "../commands/live/announceResult";
import { closeVote } from "../commands/live/closeVote";
import { openMeeting } from "../commands/live/openMeeting";
import { openVote } from "../commands/live/openVote";
import { recordAttendance } from "../commands/live/recordAttendance";
import { recordTotals } from "../commands/live/recordTotals";
import { startItem } from "../commands/live/startItem";
import { moveMatter } from "../commands/matter/moveMatter";
import { scheduleMeeting } from "../commands/meeting/scheduleMeeting";
import { fileObjection } from "../commands/notice/fileObjection";
import { setTownshipSettings } from "../commands/township/setTownshipSettings";
import type { Database } from "../db/client";
import { onEvent } from "../events";
import { alertsOnEvent } from "../listeners/alerts";
import { openInProcessDb } from "../testing/inProcessDb";
import { chinaDateInput } from "../time";
import { refreshAllTownships } from "./alertRefresh";
import { refreshAlerts, settingsKey } from "./alertStore";
import { townshipOverview } from "./township";
import { byLevelThenDate, currentTownshipAlerts, passesFilters, type TownshipFilters, townshipAlerts, townshipTree } from "./townshipAlerts";

const DAY = 86_400_000;
let db: Database;
let close: () => Promise<void>;
let demo: DemoNotices;
let townshipId: string;
let village: string;
let bodyId: string;
let admin: { id: string; name: string };

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  demo = (await seedDemo()).notices;
  village = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" } })).id;
  townshipId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "大沥镇（演示）" } })).id;
  bodyId = (await db.prisma.body.findFirstOrThrow({ where: { orgId: village, kind: "villager-representatives" } })).id;
  const a = await db.prisma.account.findUniqueOrThrow({ where: { phone: "13800000040" }, select: { id: true, displayName: true } });
  admin = { id: a.id, name: a.displayName };
}, 300_000);
afterAll(async () => close?.());

/** The stored alerts of the whole township as of `now` (refreshed first) and the same computed afresh. */
async function both(now: Date) {
  const tree = await townshipTree(townshipId);
  const stored = (await currentTownshipAlerts(tree, {}, { now })).alerts;
  const fresh = (await townshipAlerts(tree, now)).sort(byLevelThenDate);
  return { tree, stored, fresh };
}

async function expectSame(now: Date = new Date()) {
  const { stored, fresh } = await both(now);
  expect(stored).toEqual(fresh);
  return stored;
}

/** How many organizations of the township a refresh as of `now` recomputes. */
async function recomputed(now: Date = new Date()): Promise<number> {
  const tree = await townshipTree(townshipId);
  return refreshAlerts(tree.orgIds, tree.settings.alerts, now);
}

describe("stored alerts follow the record", () => {
  let meetingId: string;
  let motionId: string;

  it("start equal to a full recomputation for every village and cooperative of the demo township", async () => {
    const alerts = await expectSame();
    expect(alerts.length).toBeGreaterThan(0);
    const tree = await townshipTree(townshipId);
    // Nothing recorded since: nothing is recomputed.
    expect(tree.orgIds.length).toBeGreaterThan(6);
    expect(await recomputed()).toBe(0);
  });

  it("recompute only the village a command was recorded in, after each command of a meeting", async () => {
    const startsAt = new Date(Date.now() + 5 * 60_000);
    ({ id: meetingId } = await scheduleMeeting(
      {
        bodyId,
        number: "2026年第19次",
        title: "村民代表会议",
        startsAt: startsAt.toISOString(),
        place: "村委会",
        noticeDate: chinaDateInput(Date.now() - 12 * DAY),
        agenda: [{ title: "修缮村道" }],
      },
      SYSTEM,
    ));
    expect(await recomputed()).toBe(1);
    await expectSame();
    const roster = await db.prisma.bodyMember.findMany({ where: { bodyId }, orderBy: { personId: "asc" }, select: { personId: true } });
    const present = roster.slice(0, 12).map((m) => m.personId);
    await openMeeting({ meetingId }, SYSTEM);
    for (const personId of present) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);
    await startItem({ meetingId }, SYSTEM);
    ({ motionId } = await openVote({ meetingId, text: "同意修缮村道", method: "hands_named", matterKind: "general" }, SYSTEM));
    await expectSame();
    await recordTotals(
      { meetingId, motionId, kind: "hands_named", votes: present.map((voterPersonId) => ({ voterPersonId, choice: "yes" as const })) },
      SYSTEM,
    );
    await closeVote({ meetingId, motionId }, SYSTEM);
    await announceResult({ meetingId, motionId }, SYSTEM);
    await adjournMeeting({ meetingId }, SYSTEM);
    expect(await recomputed()).toBe(1);
    await expectSame();
  }, 120_000);

  it("show the deadlines as they pass: unsealed record after a day, unsigned minutes after seven", async () => {
    const codes = (alerts: { code: string; subject: { meetingId?: string } }[]) =>
      alerts
        .filter((a) => a.subject.meetingId === meetingId)
        .map((a) => a.code)
        .sort();
    expect(codes(await expectSame())).toEqual([]);
    const inTwoDays = new Date(Date.now() + 2 * DAY);
    // Only the organizations with a deadline before then are recomputed, not the whole township.
    const tree = await townshipTree(townshipId);
    const due = await recomputed(inTwoDays);
    expect(due).toBeGreaterThanOrEqual(1);
    expect(due).toBeLessThan(tree.orgIds.length);
    expect(codes(await expectSame(inTwoDays))).toEqual(["no_checkpoint_after_adjourning"]);
    const inEightDays = new Date(Date.now() + 8 * DAY);
    expect(codes(await expectSame(inEightDays))).toEqual(["minutes_unsigned", "no_checkpoint_after_adjourning"]);
    // A checkpoint writes no audit entry: it marks the village's stored alerts for recomputation.
    await checkpointAllOrgs();
    expect(codes(await expectSame(inEightDays))).toEqual(["minutes_unsigned"]);
    // Back to the present: alerts stored for a later moment are not the present's.
    expect(codes(await expectSame())).toEqual([]);
  });

  it("follow an objection and a matter moved before its notice period ended", async () => {
    const li = await db.prisma.account.findUniqueOrThrow({ where: { phone: "13800000005" }, select: { id: true, displayName: true } });
    await fileObjection({ noticeId: demo.village.noticeId, text: "请说明村道养护资金的测算依据。" }, accountActor(li.id, li.displayName));
    await expectSame();
    await moveMatter({ matterId: demo.village.matterId, to: "implementation", reason: "急于开工。" }, SYSTEM);
    const alerts = await expectSame();
    expect(alerts.filter((a) => a.matter?.id === demo.village.matterId).map((a) => a.code)).toContain("notice_period_cut_short");
    const notice = await db.prisma.notice.findUniqueOrThrow({ where: { id: demo.village.noticeId }, select: { endsAt: true } });
    const later = await expectSame(new Date(notice.endsAt.getTime() + 8 * DAY));
    expect(later.map((a) => a.code)).toContain("objection_unanswered");
  });

  it("take the township's new thresholds at once", async () => {
    const before = await expectSame(new Date(Date.now() + 8 * DAY));
    expect(before.some((a) => a.code === "minutes_unsigned" && a.subject.meetingId === meetingId)).toBe(true);
    const tree = await townshipTree(townshipId);
    await setTownshipSettings(
      {
        orgId: townshipId,
        preReviewKinds: tree.settings.preReviewKinds,
        preReviewAmountYuan: tree.settings.preReviewAmountYuan,
        alerts: { minutesSignedWithinDays: 10 },
      },
      accountActor(admin.id, admin.name),
    );
    const after = await expectSame(new Date(Date.now() + 8 * DAY));
    expect(after.some((a) => a.code === "minutes_unsigned" && a.subject.meetingId === meetingId)).toBe(false);
    expect((await expectSame(new Date(Date.now() + 11 * DAY))).some((a) => a.code === "minutes_unsigned" && a.subject.meetingId === meetingId)).toBe(true);
  });

  it("are recomputed in the background after a threshold change and on the refresher's round, before anyone views them", async () => {
    onEvent(alertsOnEvent); // as the server wires its listeners at start-up
    const tree = await townshipTree(townshipId);
    await refreshAlerts(tree.orgIds, tree.settings.alerts);
    const snapshots = () => db.prisma.alertSnapshot.findMany({ where: { orgId: { in: tree.orgIds } } });
    const changed = { ...tree.settings.alerts, minutesSignedWithinDays: 9 };
    await setTownshipSettings(
      { orgId: townshipId, preReviewKinds: tree.settings.preReviewKinds, preReviewAmountYuan: tree.settings.preReviewAmountYuan, alerts: changed },
      accountActor(admin.id, admin.name),
    );
    // Nobody reads the dashboard: every organization's snapshot still comes to carry the new thresholds.
    await vi.waitFor(async () => {
      const rows = await snapshots();
      expect(rows).toHaveLength(tree.orgIds.length);
      expect(rows.filter((r) => r.settingsKey !== settingsKey(changed))).toEqual([]);
    }, 60_000);
    // A village records something (its audit entry marks the snapshot, as appendAudit does); the refresher's round
    // recomputes it, and a view then has nothing left to do.
    await db.prisma.alertSnapshot.update({ where: { orgId: village }, data: { dirty: { increment: 1 } } });
    await refreshAllTownships();
    const row = await db.prisma.alertSnapshot.findUniqueOrThrow({ where: { orgId: village } });
    expect(row.clean).toBe(row.dirty);
    expect(await refreshAlerts(tree.orgIds, changed)).toBe(0);
    await expectSame();
  });
});

describe("the dashboard read from stored alerts", () => {
  it("gives each filter, and all combined, the same alerts and village counts as filtering a full recomputation", async () => {
    const now = new Date();
    const tree = await townshipTree(townshipId);
    const fresh = (await townshipAlerts(tree, now)).sort(byLevelThenDate);
    const some = fresh.find((a) => a.matter !== null) ?? fresh[0];
    expect(some).toBeDefined();
    const anAlert = some as (typeof fresh)[number];
    const filterSets: TownshipFilters[] = [
      {},
      { village },
      { village: anAlert.villageId },
      { stage: anAlert.matter?.stage ?? "decision" },
      { kind: anAlert.matter?.kind ?? "general" },
      { level: "red" },
      { level: "green" },
      { code: anAlert.code },
      { from: anAlert.occurredOn, to: anAlert.occurredOn },
      { from: "2000-01-01", to: "2000-01-31" },
      { matter: "none" },
      {
        village: anAlert.villageId,
        ...(anAlert.matter ? { stage: anAlert.matter.stage, kind: anAlert.matter.kind } : {}),
        level: anAlert.level,
        code: anAlert.code,
        from: anAlert.occurredOn,
        to: anAlert.occurredOn,
      },
    ];
    for (const filters of filterSets) {
      const page = await townshipOverview(admin, townshipId, filters);
      const expected = fresh.filter((a) => passesFilters(a, filters));
      expect(page.total).toBe(expected.length);
      expect(page.alerts.map((a) => a.id)).toEqual(expected.slice(0, page.pageSize).map((a) => a.id));
      for (const v of page.villages) {
        const own = fresh.filter((a) => a.villageId === v.id && passesFilters(a, filters, { ignoreVillage: true }));
        expect({ village: v.name, red: v.red, yellow: v.yellow, green: v.green }).toEqual({
          village: v.name,
          red: own.filter((a) => a.level === "red").length,
          yellow: own.filter((a) => a.level === "yellow").length,
          green: own.filter((a) => a.level === "green").length,
        });
      }
      // Under a stage or kind filter, the alerts naming no matter are counted beside it.
      const { stage, kind, ...others } = filters;
      const withoutMatter = stage || kind ? fresh.filter((a) => a.matter === null && passesFilters(a, others)).length : 0;
      expect(page.withoutMatter).toBe(withoutMatter);
    }
  });

  it("lists alerts that name no matter under matter=none, and counts them beside a stage filter", async () => {
    const tree = await townshipTree(townshipId);
    const fresh = await townshipAlerts(tree, new Date());
    const none = fresh.filter((a) => a.matter === null);
    expect(none.length).toBeGreaterThan(0);
    const page = await townshipOverview(admin, townshipId, { matter: "none" });
    expect(page.alerts.every((a) => a.matter === null)).toBe(true);
    expect(page.total).toBe(none.length);
    expect((await townshipOverview(admin, townshipId, { stage: "decision" })).withoutMatter).toBe(none.length);
  });

  it("keeps a township's reads to its own villages and cooperatives", async () => {
    const tree = await townshipTree(townshipId);
    const own = new Set(tree.orgIds);
    const { alerts } = await currentTownshipAlerts(tree, {});
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => own.has(a.orgId))).toBe(true);
    const neighbour = await db.prisma.organization.findFirstOrThrow({ where: { name: "邻村（演示）" }, select: { id: true } });
    expect(own.has(neighbour.id)).toBe(false);
    // A village of another township named in the filter: nothing, not that village's alerts.
    expect((await currentTownshipAlerts(tree, { village: neighbour.id })).total).toBe(0);
    const other = await db.prisma.account.findUniqueOrThrow({ where: { phone: "13800000043" }, select: { id: true, displayName: true } });
    await expect(townshipOverview({ id: other.id, name: other.displayName }, townshipId, {})).rejects.toMatchObject({ code: "forbidden" });
  });
});
