/**
 * Issue #20 through the commands, on a real in-process database with the demo: the township above the demo village
 * (filing with a receipt in the village's own log, the pre-review gate before a 决议 vote, returned with reasons,
 * township admin's villages and settings) and the isolation between two townships.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOWNSHIP_ACCOUNTS } from "../../../prisma/demoTownship";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { liveView } from "../../queries/liveMeeting";
import { openInProcessDb } from "../../testing/inProcessDb";
import { type Actor, accountActor, SYSTEM } from "../actor";
import { openMeeting } from "../live/openMeeting";
import { openVote } from "../live/openVote";
import { recordAttendance } from "../live/recordAttendance";
import { startItem } from "../live/startItem";
import { raiseMatter } from "../matter/raiseMatter";
import { scheduleMeeting } from "../meeting/scheduleMeeting";
import { acknowledgeFiling } from "./acknowledgeFiling";
import { createVillage } from "./createVillage";
import { decidePreReview } from "./decidePreReview";
import { fileMatters } from "./fileMatters";
import { requestPreReview } from "./requestPreReview";
import { setTownshipSettings } from "./setTownshipSettings";

let db: Database;
let close: () => Promise<void>;
let villageId: string;
let townshipId: string;
const as: Record<"villageAdmin" | "otherVillageAdmin" | "townAdmin" | "reviewer" | "townSupervisor" | "otherReviewer", Actor> = {} as never;

async function actorByPhone(phone: string): Promise<Actor> {
  const account = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true } });
  return accountActor(account.id, account.displayName);
}

async function villageLog(action: string): Promise<{ seq: number; bytes: string }[]> {
  return db.prisma.auditEntry.findMany({ where: { orgId: villageId, action }, orderBy: { seq: "asc" }, select: { seq: true, bytes: true } });
}

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  await seedDemo();
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" }, select: { id: true } })).id;
  townshipId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "大沥镇（演示）" }, select: { id: true } })).id;
  as.villageAdmin = await actorByPhone("13800000001");
  as.otherVillageAdmin = await actorByPhone("13800000021");
  as.townAdmin = await actorByPhone(TOWNSHIP_ACCOUNTS.admin);
  as.reviewer = await actorByPhone(TOWNSHIP_ACCOUNTS.reviewer);
  as.townSupervisor = await actorByPhone(TOWNSHIP_ACCOUNTS.supervisor);
  as.otherReviewer = await actorByPhone(TOWNSHIP_ACCOUNTS.otherReviewer);
}, 300_000);

afterAll(async () => {
  await close?.();
});

async function decisionMeeting(kind: "land-contract-outsider" | "general", amountYuan?: number) {
  const body = await db.prisma.body.findFirstOrThrow({
    where: { orgId: villageId, kind: "villager-representatives" },
    select: { id: true, members: { select: { personId: true } } },
  });
  const { id: matterId } = await raiseMatter(
    { orgId: villageId, title: `鱼塘发包${Math.random()}`, kind, source: "villagers", ...(amountYuan ? { amountYuan } : {}) },
    as.villageAdmin,
  );
  const { id: meetingId } = await scheduleMeeting(
    {
      bodyId: body.id,
      number: `预审${Math.random().toString(36).slice(2, 8)}`,
      title: "预审检查",
      startsAt: new Date().toISOString(),
      place: "村委会",
      agenda: [{ title: "集体鱼塘对外发包", matterId }],
    },
    SYSTEM,
  );
  await openMeeting({ meetingId }, SYSTEM);
  for (const m of body.members) await recordAttendance({ meetingId, personId: m.personId, status: "present_in_person" }, SYSTEM);
  await startItem({ meetingId }, SYSTEM);
  return { matterId, meetingId };
}

describe("the demo township", () => {
  it("has at least six villages with cooperatives and a few hundred matters at every stage; the demo village is one of them", async () => {
    const villages = await db.prisma.organization.findMany({
      where: { parentId: townshipId, level: "village" },
      select: { id: true, children: { select: { id: true } } },
    });
    expect(villages.length).toBeGreaterThanOrEqual(6);
    expect(villages.map((v) => v.id)).toContain(villageId);
    expect(villages.every((v) => v.children.length >= 1)).toBe(true);
    const orgIds = villages.flatMap((v) => [v.id, ...v.children.map((c) => c.id)]);
    const stages = await db.prisma.matter.groupBy({ by: ["stage"], where: { orgId: { in: orgIds } }, _count: { _all: true } });
    expect(stages.reduce((sum, s) => sum + s._count._all, 0)).toBeGreaterThanOrEqual(250);
    expect(stages.map((s) => s.stage).sort()).toEqual(
      expect.arrayContaining([
        "raised",
        "proposal",
        "consultation",
        "review",
        "decision",
        "decision_disclosure",
        "implementation",
        "result_disclosure",
        "closed",
      ]),
    );
  });
});

describe("filing (备案)", () => {
  it("the village files, the township's reviewer gives a receipt that is an entry of the village's own log", async () => {
    const { id: matterId } = await raiseMatter({ orgId: villageId, title: "文化室修缮", source: "villagers" }, as.villageAdmin);
    await expect(acknowledgeFiling({ matterId }, as.reviewer)).rejects.toMatchObject({ code: "conflict" });
    await expect(fileMatters({ orgId: villageId, matterIds: [matterId] }, as.otherVillageAdmin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(fileMatters({ orgId: villageId, matterIds: [matterId] }, as.reviewer)).rejects.toMatchObject({ code: "forbidden" });
    expect(await fileMatters({ orgId: villageId, matterIds: [matterId] }, as.villageAdmin)).toEqual({ filed: 1 });
    expect(await fileMatters({ orgId: villageId, matterIds: [matterId] }, as.villageAdmin)).toEqual({ filed: 0 });

    const before = (await villageLog("filing.acknowledged")).length;
    await expect(acknowledgeFiling({ matterId }, as.villageAdmin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(acknowledgeFiling({ matterId }, as.otherReviewer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(acknowledgeFiling({ matterId }, as.townSupervisor)).rejects.toMatchObject({ code: "forbidden" });
    expect((await villageLog("filing.acknowledged")).length).toBe(before);

    const { seq } = await acknowledgeFiling({ matterId }, as.reviewer);
    const entries = await villageLog("filing.acknowledged");
    const receipt = entries.find((e) => e.seq === seq);
    expect(JSON.parse(receipt?.bytes ?? "{}")).toMatchObject({
      org: villageId,
      action: "filing.acknowledged",
      object: { type: "matter", id: matterId },
      actor: { role: "reviewer", name: "黄预审" },
    });
    const matter = await db.prisma.matter.findUniqueOrThrow({ where: { id: matterId }, select: { filingReceiptBy: true, filingReceiptSeq: true } });
    expect(matter).toEqual({ filingReceiptBy: "黄预审", filingReceiptSeq: seq });
    await expect(acknowledgeFiling({ matterId }, as.reviewer)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("pre-review (合法性预审) before the 决议 vote", () => {
  it("refuses the vote on a matter of 150,000 yuan until a township reviewer approves; a return with reasons keeps it refused", async () => {
    const { matterId, meetingId } = await decisionMeeting("general", 150_000);
    const vote = () => openVote({ meetingId, text: "同意对外发包", method: "hands_totals" }, SYSTEM);
    await expect(vote()).rejects.toMatchObject({ code: "pre_review_required", details: { state: "none", because: "amount" } });

    await expect(requestPreReview({ matterId }, as.reviewer)).rejects.toMatchObject({ code: "forbidden" });
    const first = await requestPreReview({ matterId }, as.villageAdmin);
    await expect(requestPreReview({ matterId }, as.villageAdmin)).rejects.toMatchObject({ code: "conflict" });
    await expect(decidePreReview({ preReviewId: first.id, decision: "approve" }, as.villageAdmin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(decidePreReview({ preReviewId: first.id, decision: "approve" }, as.otherReviewer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(decidePreReview({ preReviewId: first.id, decision: "return", reasons: "" }, as.reviewer)).rejects.toMatchObject({
      code: "invalid_input",
      field: "reasons",
    });
    await decidePreReview({ preReviewId: first.id, decision: "return", reasons: "发包方案未经三分之二以上村民代表同意的程序说明" }, as.reviewer);
    await expect(vote()).rejects.toMatchObject({
      code: "pre_review_required",
      details: { state: "returned", reason: "发包方案未经三分之二以上村民代表同意的程序说明" },
    });

    const second = await requestPreReview({ matterId }, as.villageAdmin);
    await decidePreReview({ preReviewId: second.id, decision: "approve", title: "镇农业农村办副主任" }, as.reviewer);
    const opened = await vote();
    expect(opened.motionId).toBeTruthy();
    // The live meeting shows 已经镇街预审 with who and when.
    const view = await liveView(meetingId, "public");
    expect(view.agenda.find((item) => item.isCurrent)?.preReview).toMatchObject({ name: "黄预审", title: "镇农业农村办副主任", at: expect.any(String) });
    const approvals = (await villageLog("prereview.approved")).map((e) => JSON.parse(e.bytes) as { object: { id: string }; data: { title: string } });
    expect(approvals.find((e) => e.object.id === matterId)?.data.title).toBe("镇农业农村办副主任");
  });

  it("a general matter below the township's amount needs none; above the amount the township set, or of a kind it marks, it does", async () => {
    const small = await decisionMeeting("general", 5_000);
    await expect(openVote({ meetingId: small.meetingId, text: "同意", method: "hands_totals" }, SYSTEM)).resolves.toMatchObject({
      motionId: expect.any(String),
    });
    await expect(setTownshipSettings({ orgId: townshipId, preReviewKinds: ["charter"], preReviewAmountYuan: 1_000 }, as.reviewer)).rejects.toMatchObject({
      code: "forbidden",
    });
    await setTownshipSettings({ orgId: townshipId, preReviewKinds: ["land-contract-outsider"], preReviewAmountYuan: 1_000 }, as.townAdmin);
    const large = await decisionMeeting("general", 5_000);
    await expect(openVote({ meetingId: large.meetingId, text: "同意", method: "hands_totals" }, SYSTEM)).rejects.toMatchObject({
      code: "pre_review_required",
      details: { because: "amount" },
    });
    const land = await decisionMeeting("land-contract-outsider");
    await expect(openVote({ meetingId: land.meetingId, text: "同意", method: "hands_totals" }, SYSTEM)).rejects.toMatchObject({
      code: "pre_review_required",
      details: { because: "kind" },
    });
  });
});

describe("the township's admin", () => {
  it("creates a village with its first admin; a village admin or another township cannot", async () => {
    const input = { townshipId, name: "新村（测试）", adminPhone: "13811112222", adminName: "新村管理员", adminPassword: "initial-pass" };
    await expect(createVillage(input, as.villageAdmin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createVillage(input, as.otherReviewer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createVillage(input, as.reviewer)).rejects.toMatchObject({ code: "forbidden" });
    const { id, adminAccountId } = await createVillage(input, as.townAdmin);
    const village = await db.prisma.organization.findUniqueOrThrow({
      where: { id },
      select: { parentId: true, level: true, roles: { select: { accountId: true, role: true } } },
    });
    expect(village).toEqual({ parentId: townshipId, level: "village", roles: [{ accountId: adminAccountId, role: "admin" }] });
    const log = await db.prisma.auditEntry.findMany({ where: { orgId: id }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(log.map((e) => e.action)).toEqual(["org.created", "account.created"]);
  });
});
