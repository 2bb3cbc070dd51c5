/**
 * Public disclosure (issue #8) through the commands, on a real in-process database with the demo village: the demo's
 * notices, publishing and correcting, objections in and after the window, the 2,000-character and 5-a-day limits,
 * and supervisors' replies. Commands that depend on the time take it as a plain argument here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_COOP_RESIDENT, type DemoNotices } from "../../../prisma/demoNotice";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { noticeBoard, noticeDetail } from "../../queries/noticeBoard";
import { demoPhone } from "../../testing/builders";
import { openInProcessDb } from "../../testing/inProcessDb";
import { type Actor, accountActor, SYSTEM } from "../actor";
import { announceResult } from "../live/announceResult";
import { closeVote } from "../live/closeVote";
import { openMeeting } from "../live/openMeeting";
import { openVote } from "../live/openVote";
import { recordAttendance } from "../live/recordAttendance";
import { recordTotals } from "../live/recordTotals";
import { startItem } from "../live/startItem";
import { moveMatterOnVote } from "../matter/moveMatterOnVote";
import { raiseMatter } from "../matter/raiseMatter";
import { scheduleMeeting } from "../meeting/scheduleMeeting";
import { correctNotice } from "./correctNotice";
import { fileObjection } from "./fileObjection";
import { linkDecisionVote } from "./linkDecisionVote";
import { publishDecision } from "./publishDecision";
import { replyToObjection } from "./replyToObjection";

const DAY = 86_400_000;
let db: Database;
let close: () => Promise<void>;
let demo: DemoNotices;
let villageId: string;
const actors: Record<string, Actor> = {};

async function actorOf(phone: string): Promise<Actor> {
  const account = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true } });
  return accountActor(account.id, account.displayName);
}

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  demo = (await seedDemo()).notices;
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" } })).id;
  for (const [role, phone] of Object.entries({
    admin: demoPhone("admin"),
    chair: demoPhone("chair"),
    li: demoPhone("member", 1),
    he: demoPhone("member", 2),
    supervisor: demoPhone("supervisor"),
    coop: DEMO_COOP_RESIDENT.phone,
  })) {
    actors[role] = await actorOf(phone);
  }
}, 180_000);
afterAll(async () => close?.());

describe("the demo's notices", () => {
  it("shows the village budget decision with its vote result, legal basis and a 7-day countdown", async () => {
    const board = await noticeBoard(villageId);
    const budget = board.matters.find((m) => m.id === demo.village.matterId);
    expect(budget?.stage).toBe("decision_disclosure");
    const notice = budget?.decision;
    expect(notice).toMatchObject({ kind: "decision", title: "2026年度村集体财务预算", body: "同意2026年度村集体财务预算", periodDays: 7 });
    expect(notice?.voteSummary).toMatchObject({
      yes: 10,
      no: 1,
      abstain: 1,
      passed: true,
      meetingNumber: "2026年第2次",
      legalBasis: expect.arrayContaining(["村民委员会组织法（2025年修正）第三十条"]),
    });
    expect(notice?.countdown).toMatchObject({ isOpen: true, days: 6 });
    expect(JSON.stringify(board)).not.toMatch(/1[3-9]\d{9}/);
  });

  it("shows the cooperative's closed decision notice and its implementation result at S7", async () => {
    const coop = await noticeDetail(
      (await db.prisma.notice.findUniqueOrThrow({ where: { id: demo.coop.decisionNoticeId } })).orgId,
      demo.coop.decisionNoticeId,
    );
    expect(coop.notice.countdown.isOpen).toBe(false);
    expect(coop.matter.stage).toBe("result_disclosure");
    const moves = await db.prisma.matterEvent.findMany({ where: { matterId: demo.coop.matterId }, orderBy: { at: "asc" } });
    expect(moves.map((m) => m.toStage)).toEqual(["decision", "decision_disclosure", "implementation", "result_disclosure"]);
  });
});

describe("objections", () => {
  it("takes an objection in the window and refuses one after it closes", async () => {
    const notice = await db.prisma.notice.findUniqueOrThrow({ where: { id: demo.village.noticeId } });
    const filed = await fileObjection({ noticeId: notice.id, text: "预算里困难户补助偏少。" }, actors.he as Actor);
    expect(filed.remainingToday).toBe(4);
    await expect(
      fileObjection({ noticeId: notice.id, text: "还有一点意见。" }, actors.he as Actor, new Date(notice.endsAt.getTime() + 60_000)),
    ).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "window_closed" },
    });
    // The demo cooperative's decision notice closed three weeks ago, in real time.
    await expect(fileObjection({ noticeId: demo.coop.decisionNoticeId, text: "有异议" }, actors.coop as Actor)).rejects.toMatchObject({
      details: { reason: "window_closed" },
    });
  });

  it("accepts 2,000 characters and refuses 2,001 with the field", async () => {
    const noticeId = demo.village.noticeId;
    await expect(fileObjection({ noticeId, text: "异".repeat(2_001) }, actors.li as Actor)).rejects.toMatchObject({ code: "invalid_input", field: "text" });
    await expect(fileObjection({ noticeId, text: "异".repeat(2_000) }, actors.li as Actor)).resolves.toMatchObject({ noticeId });
  });

  it("refuses the sixth objection of a Shanghai day and takes one again the next day", async () => {
    const noticeId = demo.village.noticeId;
    // 23:30 in Shanghai on the first day of the notice; the resident has not objected yet that day.
    const posted = (await db.prisma.notice.findUniqueOrThrow({ where: { id: noticeId } })).postedAt;
    const lateEvening = new Date(Math.floor((posted.getTime() + 8 * 3_600_000) / DAY) * DAY + DAY + 15.5 * 3_600_000);
    const chair = actors.chair as Actor;
    for (let i = 1; i <= 5; i += 1) await fileObjection({ noticeId, text: `第${i}条` }, chair, lateEvening);
    await expect(fileObjection({ noticeId, text: "第6条" }, chair, lateEvening)).rejects.toMatchObject({ code: "rate_limited" });
    const nextMorning = new Date(lateEvening.getTime() + 3_600_000);
    await expect(fileObjection({ noticeId, text: "第二天" }, chair, nextMorning)).resolves.toMatchObject({ remainingToday: 4 });
  });

  it("lets only residents of the organization object", async () => {
    await expect(fileObjection({ noticeId: demo.village.noticeId, text: "x" }, actors.coop as Actor)).rejects.toMatchObject({ code: "forbidden" });
    await expect(fileObjection({ noticeId: demo.village.noticeId, text: "x" }, actors.admin as Actor)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("publishes a supervisor's reply once, without phone numbers, and masks numbers in objections", async () => {
    const { id } = await fileObjection({ noticeId: demo.village.noticeId, text: "请联系我 13912345678" }, actors.li as Actor);
    await expect(replyToObjection({ objectionId: id, text: "好" }, actors.chair as Actor)).rejects.toMatchObject({ code: "forbidden" });
    await expect(replyToObjection({ objectionId: id, text: "请拨 13800000009" }, actors.supervisor as Actor)).rejects.toMatchObject({
      code: "invalid_input",
      field: "text",
    });
    await replyToObjection({ objectionId: id, text: "已核实，补助按户数计算。" }, actors.supervisor as Actor);
    await expect(replyToObjection({ objectionId: id, text: "再答" }, actors.supervisor as Actor)).rejects.toMatchObject({ code: "conflict" });
    const detail = await noticeDetail(villageId, demo.village.noticeId);
    const shown = detail.objections.find((o) => o.id === id);
    expect(shown).toMatchObject({ text: "请联系我 139****5678", reply: "已核实，补助按户数计算。" });
    expect(await db.prisma.auditEntry.count({ where: { orgId: villageId, action: "objection.replied" } })).toBe(1);
  });
});

/** A matter on the agenda of a new meeting of the village's 村民代表会议, voted 10/1/1 by 12 present (passed). */
async function heldVote(title: string, tied = true): Promise<{ matterId: string; meetingId: string; motionId: string }> {
  const body = await db.prisma.body.findFirstOrThrow({
    where: { orgId: villageId, kind: "villager-representatives" },
    select: { id: true, members: { select: { personId: true } } },
  });
  const { id: matterId } = await raiseMatter({ orgId: villageId, title, kind: "general", source: "villagers" }, SYSTEM);
  const { id: meetingId } = await scheduleMeeting(
    {
      bodyId: body.id,
      number: `测试${title}`,
      title: "村民代表会议",
      startsAt: new Date().toISOString(),
      place: "村委会",
      agenda: [tied ? { title, matterId } : { title }],
    },
    SYSTEM,
  );
  await openMeeting({ meetingId }, SYSTEM);
  for (const { personId } of body.members.slice(0, 12)) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);
  await startItem({ meetingId }, SYSTEM);
  const { motionId } = await openVote({ meetingId, text: `同意${title}`, method: "hands_totals", matterKind: "general" }, SYSTEM);
  await recordTotals({ meetingId, motionId, kind: "totals", yes: 10, no: 1, abstain: 1 }, SYSTEM);
  await closeVote({ meetingId, motionId }, SYSTEM);
  await announceResult({ meetingId, motionId }, SYSTEM);
  return { matterId, meetingId, motionId };
}

describe("the matter pipeline", () => {
  it("publishes a decision the vote has already moved to S5 where it stands", async () => {
    const vote = await heldVote("村道绿化");
    await expect(publishDecision({ matterId: vote.matterId }, actors.admin as Actor)).rejects.toMatchObject({ code: "conflict", details: { reason: "stage" } });
    await linkDecisionVote({ matterId: vote.matterId, motionId: vote.motionId, reason: "前三议纸面完成" }, actors.admin as Actor);
    // As the live meeting's announcement does once wired to the pipeline (server/commands/matter/moveMatterOnVote).
    await db.prisma.$transaction((tx) => moveMatterOnVote(tx, { ...vote, bodyKind: "villager-representatives", passed: true, quorumMet: true }));
    const events = await db.prisma.matterEvent.count({ where: { matterId: vote.matterId } });
    const published = await publishDecision({ matterId: vote.matterId }, actors.chair as Actor);
    expect(published.stage).toBe("decision_disclosure");
    expect(await db.prisma.matterEvent.count({ where: { matterId: vote.matterId } })).toBe(events);
  });

  it("records only a vote counted under the matter's own kind, by a body that decides it", async () => {
    const vote = await heldVote("集体建设用地出租");
    const { id: stricter } = await raiseMatter({ orgId: villageId, title: "出租（按建设用地）", kind: "construction-land", source: "cadres" }, SYSTEM);
    await expect(linkDecisionVote({ matterId: stricter, motionId: vote.motionId, reason: "记录" }, actors.admin as Actor)).rejects.toMatchObject({
      details: { reason: "other_matter" },
    });
    const loose = await heldVote("另一项", false);
    await expect(linkDecisionVote({ matterId: stricter, motionId: loose.motionId, reason: "记录" }, actors.admin as Actor)).rejects.toMatchObject({
      details: { reason: "kind_mismatch" },
    });
    await expect(linkDecisionVote({ matterId: vote.matterId, motionId: vote.motionId, reason: "记录" }, actors.chair as Actor)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("publishing and corrections", () => {
  it("refuses a second decision notice and corrects by a new notice that supersedes the old", async () => {
    const matterId = demo.village.matterId;
    await expect(publishDecision({ matterId }, actors.admin as Actor)).rejects.toMatchObject({ code: "conflict", details: { reason: "already_published" } });
    await expect(correctNotice({ noticeId: demo.village.noticeId, reason: "补充", body: "改" }, actors.li as Actor)).rejects.toMatchObject({
      code: "forbidden",
    });
    const corrected = await correctNotice(
      { noticeId: demo.village.noticeId, reason: "补充预算总额", body: "同意2026年度村集体财务预算，总额86万元。" },
      actors.chair as Actor,
    );
    const old = await noticeDetail(villageId, demo.village.noticeId);
    expect(old.notice.supersededById).toBe(corrected.id);
    expect(old.chain.map((c) => c.isCurrent)).toEqual([false, true]);
    const fresh = await noticeDetail(villageId, corrected.id);
    expect(fresh.notice).toMatchObject({ correctionReason: "补充预算总额", supersedesId: demo.village.noticeId, voteSummary: { yes: 10 } });
    await expect(fileObjection({ noticeId: demo.village.noticeId, text: "旧公告" }, actors.he as Actor)).rejects.toMatchObject({
      details: { reason: "superseded" },
    });
    await expect(correctNotice({ noticeId: demo.village.noticeId, reason: "再改" }, actors.admin as Actor)).rejects.toMatchObject({ code: "conflict" });
    const board = await noticeBoard(villageId);
    expect(board.matters.find((m) => m.id === matterId)?.decision?.id).toBe(corrected.id);
  });
});
