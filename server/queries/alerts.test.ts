/**
 * Alerts computed from a real record (issue #20 item 4): the demo, and fixtures made through the app's own commands
 * on a real in-process database — a vote without quorum, minutes left unsigned, a meeting no checkpoint covers, an
 * objection left unanswered, a decision notice cut short, a result never disclosed — each checked before and after
 * its threshold, with the clock passed as `now`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import type { Database } from "../db/client";
import { openInProcessDb } from "../testing/inProcessDb";
import { chinaDateInput } from "../time";
import { alertCountsForOrganizations, alertsForOrganization, compliancePage } from "./alerts";

const DAY = 86_400_000;
let db: Database;
let close: () => Promise<void>;
let demo: DemoNotices;
let village: string;
let neighbour: string;
let bodyId: string;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  demo = (await seedDemo()).notices;
  village = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" } })).id;
  neighbour = (await db.prisma.organization.findFirstOrThrow({ where: { name: "邻村（演示）" } })).id;
  bodyId = (await db.prisma.body.findFirstOrThrow({ where: { orgId: village, kind: "villager-representatives" } })).id;
}, 300_000);
afterAll(async () => close?.());

const after = (days: number) => ({ now: new Date(Date.now() + days * DAY) });

describe("the demo", () => {
  it("computes no alert of its own on the demo village: what is red there is only what its meetings recorded", async () => {
    const alerts = await alertsForOrganization(village);
    // The demo seed opens its back-dated meeting today, so the meeting itself recorded "held on another day".
    for (const alert of alerts.filter((a) => a.level !== "green")) expect(alert.code).toBe("meeting_date_differs");
    const green = alerts.filter((a) => a.level === "green");
    expect(green.map((a) => a.code)).toEqual(["stages_off_record"]);
    expect(green[0]?.message["zh-CN"]).toContain("按纸质记录完成");
  });

  it("shows a village with nothing recorded as green with no alert", async () => {
    expect(await alertCountsForOrganizations([neighbour])).toEqual([{ orgId: neighbour, red: 0, yellow: 0, green: 0, level: "green" }]);
  });
});

describe("a meeting without quorum, left unsigned and unsealed", () => {
  let meetingId: string;
  let motionId: string;

  beforeAll(async () => {
    const startsAt = new Date(Date.now() + 5 * 60_000);
    ({ id: meetingId } = await scheduleMeeting(
      {
        bodyId,
        number: "2026年第9次",
        title: "村民代表会议",
        startsAt: startsAt.toISOString(),
        place: "村委会",
        noticeDate: chinaDateInput(Date.now() - 12 * DAY),
        agenda: [{ title: "修缮村道" }],
      },
      SYSTEM,
    ));
    const roster = await db.prisma.bodyMember.findMany({ where: { bodyId }, orderBy: { personId: "asc" }, select: { personId: true } });
    const present = roster.slice(0, 12).map((m) => m.personId);
    await openMeeting({ meetingId }, SYSTEM);
    for (const personId of present) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);
    await startItem({ meetingId }, SYSTEM);
    ({ motionId } = await openVote({ meetingId, text: "同意修缮村道", method: "hands_named", matterKind: "general" }, SYSTEM));
    await recordTotals(
      { meetingId, motionId, kind: "hands_named", votes: present.map((voterPersonId) => ({ voterPersonId, choice: "yes" as const })) },
      SYSTEM,
    );
    await closeVote({ meetingId, motionId }, SYSTEM);
    await announceResult({ meetingId, motionId }, SYSTEM);
    await adjournMeeting({ meetingId }, SYSTEM);
  }, 120_000);

  it("raises nothing for a lawful vote held on the day noticed", async () => {
    expect((await alertsForOrganization(village)).filter((a) => a.subject.meetingId === meetingId)).toEqual([]);
  });

  it("is red for a vote whose recorded result lacks a quorum, with the result's explanation and legal basis", async () => {
    // Yishi refuses to open a vote without quorum, so such results come from records kept before that check or
    // imported from paper: the stored result is what the alert reads.
    const stored = await db.prisma.motion.findUniqueOrThrow({ where: { id: motionId }, select: { result: true } });
    await db.prisma.motion.update({ where: { id: motionId }, data: { result: { ...(stored.result as object), quorumMet: false, passed: false } } });
    const alerts = (await alertsForOrganization(village)).filter((a) => a.subject.meetingId === meetingId);
    const motion = await db.prisma.motion.findUniqueOrThrow({ where: { id: motionId }, select: { result: true } });
    const result = motion.result as { legalBasis: string[]; explanation: { "zh-CN": string } };
    expect(alerts.map((a) => a.code)).toEqual(["quorum_failed"]);
    expect(alerts[0]).toMatchObject({
      level: "red",
      subject: { motionId },
      legalBasis: result.legalBasis.join("、"),
      evidence: { href: `/supervise/${village}/decisions/${motionId}` },
    });
    expect(alerts[0]?.message["zh-CN"]).toContain(result.explanation["zh-CN"]);
  });

  it("adds the unsigned minutes after the township's seven days, and the missing checkpoint after a day", async () => {
    const codes = async (days: number) =>
      (await alertsForOrganization(village, undefined, after(days)))
        .filter((a) => a.subject.meetingId === meetingId)
        .map((a) => a.code)
        .sort();
    expect(await codes(0)).toEqual(["quorum_failed"]);
    expect(await codes(2)).toEqual(["no_checkpoint_after_adjourning", "quorum_failed"]);
    expect(await codes(8)).toEqual(["minutes_unsigned", "no_checkpoint_after_adjourning", "quorum_failed"]);
    await checkpointAllOrgs();
    expect(await codes(8)).toEqual(["minutes_unsigned", "quorum_failed"]);
  });
});

describe("disclosure of the demo's budget decision", () => {
  it("flags an objection still unanswered a week after the notice period, and not before", async () => {
    const li = await db.prisma.account.findUniqueOrThrow({ where: { phone: "13800000005" }, select: { id: true, displayName: true } });
    await fileObjection({ noticeId: demo.village.noticeId, text: "请说明村道养护资金的测算依据。" }, accountActor(li.id, li.displayName));
    const notice = await db.prisma.notice.findUniqueOrThrow({ where: { id: demo.village.noticeId }, select: { endsAt: true } });
    const at = (days: number) => ({ now: new Date(notice.endsAt.getTime() + days * DAY) });
    const unanswered = async (days: number) => (await alertsForOrganization(village, undefined, at(days))).filter((a) => a.code === "objection_unanswered");
    expect(await unanswered(6)).toEqual([]);
    const [alert] = await unanswered(8);
    expect(alert).toMatchObject({
      level: "red",
      subject: { noticeId: demo.village.noticeId, matterId: demo.village.matterId },
      evidence: { href: `/n/${village}/${demo.village.noticeId}` },
    });
  });

  it("flags the notice period cut short when the matter moves to implementation before it ends, then the missing result", async () => {
    await moveMatter({ matterId: demo.village.matterId, to: "implementation", reason: "急于开工。" }, SYSTEM);
    const cut = (await alertsForOrganization(village)).filter((a) => a.subject.matterId === demo.village.matterId && a.level !== "green");
    expect(cut.map((a) => a.code)).toEqual(["notice_period_cut_short"]);
    expect(cut[0]?.legalBasis).toContain("村民委员会组织法（2025年修正）关于村务公开的规定");
    const later = (await alertsForOrganization(village, undefined, after(91))).filter((a) => a.code === "result_not_disclosed");
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ level: "yellow", evidence: { href: `/matters/${demo.village.matterId}` } });
  });

  it("counts each colour per organization for a list, in the list's order", async () => {
    const counts = await alertCountsForOrganizations([neighbour, village]);
    expect(counts.map((c) => c.orgId)).toEqual([neighbour, village]);
    expect(counts[1]?.level).toBe("red");
    expect(counts[1]?.red).toBe((await alertsForOrganization(village)).filter((a) => a.level === "red").length);
  });
});

describe("who may read the compliance page", () => {
  const viewer = async (phone: string) => {
    const a = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true } });
    return { id: a.id, name: a.displayName };
  };

  it("lets the village's admin and supervisor read it, and refuses a member and anyone signed out", async () => {
    expect((await compliancePage(await viewer("13800000001"), village)).org.id).toBe(village);
    expect((await compliancePage(await viewer("13800000009"), village)).alerts.length).toBeGreaterThan(0);
    await expect(compliancePage(await viewer("13800000005"), village)).rejects.toMatchObject({ code: "forbidden" });
    await expect(compliancePage(null, village)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
