/**
 * Issue #16 through the commands, on a real in-process database with the demo village: a vote whose item's matter
 * changed after opening is refused and nothing is written; procedure warnings (meeting held on another day than
 * announced, notice too short, a matter this body may not decide, a matter voted before its previous stage) are
 * recorded with the meeting, in words with their citation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { openInProcessDb } from "../../testing/inProcessDb";
import { chinaDateInput } from "../../time";
import { SYSTEM } from "../actor";
import { createBody } from "../body/createBody";
import { setRoster } from "../body/setRoster";
import { updateCharter } from "../body/updateCharter";
import { raiseMatter } from "../matter/raiseMatter";
import { scheduleMeeting } from "../meeting/scheduleMeeting";
import { sendMeetingNotice } from "../notify/sendMeetingNotice";
import { announceResult } from "./announceResult";
import { closeVote } from "./closeVote";
import { openMeeting } from "./openMeeting";
import { openVote } from "./openVote";
import { procedureWarningsOf } from "./procedureWarnings";
import { recordAttendance } from "./recordAttendance";
import { recordTotals } from "./recordTotals";
import { startItem } from "./startItem";

let db: Database;
let close: () => Promise<void>;
let villageId: string;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  await seedDemo();
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" }, select: { id: true } })).id;
  // The demo has no 村民会议: one of the village's adults.
  const { id: bodyId } = await createBody({ orgId: villageId, kind: "villagers-assembly", name: "平洲村村民会议" }, SYSTEM);
  const adults = await db.prisma.person.findMany({ where: { orgId: villageId, isAdult: true, deletedAt: null }, select: { id: true } });
  await setRoster({ bodyId, members: adults.map((p) => ({ personId: p.id })) }, SYSTEM);
}, 120_000);

afterAll(async () => {
  await close?.();
});

async function meetingWith(kind: string, options: { startsAt?: Date; noticeDate?: string; bodyKind?: string } = {}) {
  const body = await db.prisma.body.findFirstOrThrow({
    where: { orgId: villageId, kind: options.bodyKind ?? "villager-representatives" },
    select: { id: true, members: { select: { personId: true } } },
  });
  const { id: matterId } = await raiseMatter({ orgId: villageId, title: `事项${kind}`, kind: kind as "general", source: "villagers" }, SYSTEM);
  const { id: meetingId } = await scheduleMeeting(
    {
      bodyId: body.id,
      number: `程序${Math.random().toString(36).slice(2, 8)}`,
      title: "程序检查",
      startsAt: (options.startsAt ?? new Date()).toISOString(),
      place: "村委会",
      ...(options.noticeDate ? { noticeDate: options.noticeDate } : {}),
      agenda: [{ title: "鱼塘发包", matterId }],
    },
    SYSTEM,
  );
  return { meetingId, matterId, members: body.members.map((m) => m.personId) };
}

async function warningsOf(meetingId: string) {
  const row = await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { procedureWarnings: true } });
  return procedureWarningsOf(row.procedureWarnings);
}

describe("procedure of a live vote (issue #16)", () => {
  it("refuses to close or announce a vote whose matter changed kind after it opened, writing nothing", async () => {
    const { meetingId, matterId, members } = await meetingWith("land-contract-outsider");
    await openMeeting({ meetingId }, SYSTEM);
    for (const personId of members.slice(0, 10)) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);
    await startItem({ meetingId }, SYSTEM);
    const { motionId } = await openVote({ meetingId, text: "同意鱼塘发包", method: "hands_totals" }, SYSTEM);
    await recordTotals({ meetingId, motionId, kind: "totals", yes: 6, no: 3, abstain: 1 }, SYSTEM);
    // No command changes a matter's kind; a direct change (an import, a database edit) must not slip a weaker rule in.
    await db.prisma.matter.update({ where: { id: matterId }, data: { kind: "general" } });
    const audit = await db.prisma.auditEntry.count({ where: { meetingId } });
    await expect(closeVote({ meetingId, motionId }, SYSTEM)).rejects.toMatchObject({
      code: "matter_kind_mismatch",
      details: { matterKind: "general", requested: "land-contract-outsider" },
    });
    const motion = await db.prisma.motion.findUniqueOrThrow({ where: { id: motionId }, select: { state: true, result: true } });
    expect(motion).toEqual({ state: "open", result: null });
    expect(await db.prisma.auditEntry.count({ where: { meetingId } })).toBe(audit);
    // Put back, the vote closes by the rule announced at opening: 10 of all 15.
    await db.prisma.matter.update({ where: { id: matterId }, data: { kind: "land-contract-outsider" } });
    const { result } = await closeVote({ meetingId, motionId }, SYSTEM);
    expect(result).toMatchObject({ passed: false, yesRequired: 10 });
    await db.prisma.matter.update({ where: { id: matterId }, data: { kind: "general" } });
    await expect(announceResult({ meetingId, motionId }, SYSTEM)).rejects.toMatchObject({ code: "matter_kind_mismatch" });
    expect((await db.prisma.motion.findUniqueOrThrow({ where: { id: motionId }, select: { state: true } })).state).toBe("closed");
  });

  it("records a matter voted before its previous stage is complete, with its citation, once the vote opens", async () => {
    const { meetingId, members } = await meetingWith("land-contract-outsider");
    await openMeeting({ meetingId }, SYSTEM);
    for (const personId of members.slice(0, 10)) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);
    await startItem({ meetingId }, SYSTEM);
    await openVote({ meetingId, text: "同意鱼塘发包", method: "hands_totals" }, SYSTEM);
    const stage = (await warningsOf(meetingId)).find((w) => w.code === "stage_incomplete");
    expect(stage?.message["zh-CN"]).toBe("议题「鱼塘发包」所涉事项尚处于「动议」阶段，「党员大会审议」尚未完成即付表决。");
    expect(stage?.legalBasis).toContain("“四议两公开”工作法（地方实践）");
    expect(stage?.legalBasis).toContain("村民委员会组织法（2025年修正）第二十八条");
    const opened = await db.prisma.auditEntry.findFirstOrThrow({ where: { meetingId, action: "vote.opened" }, select: { bytes: true } });
    expect(opened.bytes).toContain("stage_incomplete");
  });

  it("records at opening a meeting held on another day than announced, a short notice and a matter the body may not decide", async () => {
    const announced = new Date(Date.now() + 3 * 86_400_000);
    const { meetingId } = await meetingWith("charter", {
      startsAt: announced,
      noticeDate: chinaDateInput(Date.now() - 2 * 86_400_000),
      bodyKind: "villagers-assembly",
    });
    await openMeeting({ meetingId }, SYSTEM);
    const warnings = await warningsOf(meetingId);
    expect(warnings.map((w) => w.code).sort()).toEqual(["body_not_competent", "meeting_date_differs", "notice_too_short"]);
    const differs = warnings.find((w) => w.code === "meeting_date_differs");
    expect(differs?.message["zh-CN"]).toMatch(/^会议通知的日期为\d{4}-\d{2}-\d{2}，实际召开于\d{4}-\d{2}-\d{2}/);
    expect(differs?.legalBasis).toBe("村民委员会组织法（2025年修正）第二十五条");
    expect(warnings.find((w) => w.code === "notice_too_short")?.message["zh-CN"]).toBe("通知后2日即开会；应当在会议召开10日前通知。");
    expect(warnings.find((w) => w.code === "body_not_competent")?.message["zh-CN"]).toContain("村民会议无权决定");
  });

  it("counts the notice period from the first delivery in the notice log, not from an earlier date typed by the clerk", async () => {
    const DAY = 86_400_000;
    const typed = chinaDateInput(Date.now() - 20 * DAY);
    const { meetingId } = await meetingWith("general", { noticeDate: typed, bodyKind: "villagers-assembly" });
    // The notice really reached the members four days ago (in the app, the day it was issued).
    await sendMeetingNotice({ meetingId, channels: ["in_app"] }, SYSTEM, new Date(Date.now() - 4 * DAY));
    await openMeeting({ meetingId }, SYSTEM);
    const short = (await warningsOf(meetingId)).find((w) => w.code === "notice_too_short");
    expect(short?.message["zh-CN"]).toBe("通知后4日即开会；应当在会议召开10日前通知。");
    expect(short?.legalBasis).toBe("村民委员会组织法（2025年修正）第二十五条");
  });

  it("requires a charter's longer notice period, cited as the charter, and keeps the law's where the charter asks for less", async () => {
    const DAY = 86_400_000;
    const body = await db.prisma.body.findFirstOrThrow({ where: { orgId: villageId, kind: "villager-representatives" }, select: { id: true, name: true } });
    await updateCharter({ bodyId: body.id, charter: { noticeDays: 7 } }, SYSTEM);
    try {
      const { meetingId } = await meetingWith("general", { noticeDate: chinaDateInput(Date.now() - 3 * DAY) });
      await openMeeting({ meetingId }, SYSTEM);
      const short = (await warningsOf(meetingId)).find((w) => w.code === "notice_too_short");
      expect(short?.message["zh-CN"]).toBe("通知后3日即开会；应当在会议召开7日前通知。");
      expect(short?.legalBasis).toBe("本组织章程");
      const { meetingId: inTime } = await meetingWith("general", { noticeDate: chinaDateInput(Date.now() - 7 * DAY) });
      await openMeeting({ meetingId: inTime }, SYSTEM);
      expect((await warningsOf(inTime)).map((w) => w.code)).not.toContain("notice_too_short");
    } finally {
      await updateCharter({ bodyId: body.id, charter: {} }, SYSTEM);
    }
  });
});
