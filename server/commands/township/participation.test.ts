/**
 * Issue #20 items 1, 3 and 8 through the commands, on a real in-process database with the demo: a township reviewer
 * attends as 列席 with title and signs the finalized minutes as a witness (not a required signer); the minutes show
 * the recorded pre-review; the 镇街监督 writes opinions and answers objections in the village's log, read-only
 * otherwise; the township's staff read the village's matter pages, another township's never.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOWNSHIP_ACCOUNTS } from "../../../prisma/demoTownship";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { loadMinutesStatus } from "../../minutes/status";
import { matterDetail } from "../../queries/matters";
import { noticeDetail } from "../../queries/noticeBoard";
import { objectionInbox } from "../../queries/noticeObjections";
import { demoPhone } from "../../testing/builders";
import { openInProcessDb } from "../../testing/inProcessDb";
import { type Actor, accountActor, SYSTEM } from "../actor";
import { addSupervisionOpinion } from "../audit/addSupervisionOpinion";
import { adjournMeeting } from "../live/adjournMeeting";
import { announceResult } from "../live/announceResult";
import { closeVote } from "../live/closeVote";
import { openMeeting } from "../live/openMeeting";
import { openVote } from "../live/openVote";
import { recordAttendance } from "../live/recordAttendance";
import { recordTotals } from "../live/recordTotals";
import { startItem } from "../live/startItem";
import { moveMatter } from "../matter/moveMatter";
import { raiseMatter } from "../matter/raiseMatter";
import { scheduleMeeting } from "../meeting/scheduleMeeting";
import { finalizeMinutes } from "../minutes/finalizeMinutes";
import { signAsTownshipWitness } from "../minutes/signAsTownshipWitness";
import { fileObjection } from "../notice/fileObjection";
import { replyToObjection } from "../notice/replyToObjection";
import { addTownshipAttendee } from "./addTownshipAttendee";
import { decidePreReview } from "./decidePreReview";
import { requestPreReview } from "./requestPreReview";

let db: Database;
let close: () => Promise<void>;
let villageId: string;
type Who = "villageAdmin" | "villageSupervisor" | "member" | "otherVillageAdmin" | "townAdmin" | "reviewer" | "townSupervisor" | "otherReviewer";
const as: Record<Who, Actor> = {} as never;
const ids: Partial<Record<Who, string>> = {};

async function actorByPhone(who: Who, phone: string): Promise<void> {
  const account = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true } });
  as[who] = accountActor(account.id, account.displayName);
  ids[who] = account.id;
}
async function villageLog(action: string) {
  const rows = await db.prisma.auditEntry.findMany({ where: { orgId: villageId, action }, orderBy: { seq: "asc" }, select: { bytes: true } });
  return rows.map((r) => JSON.parse(r.bytes) as { actor: { role: string; name: string } | null; object: { id: string }; data: Record<string, unknown> });
}

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  await seedDemo();
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" }, select: { id: true } })).id;
  await actorByPhone("villageAdmin", demoPhone("admin"));
  await actorByPhone("villageSupervisor", demoPhone("supervisor"));
  await actorByPhone("member", demoPhone("member"));
  await actorByPhone("otherVillageAdmin", "13800000021");
  await actorByPhone("townAdmin", TOWNSHIP_ACCOUNTS.admin);
  await actorByPhone("reviewer", TOWNSHIP_ACCOUNTS.reviewer);
  await actorByPhone("townSupervisor", TOWNSHIP_ACCOUNTS.supervisor);
  await actorByPhone("otherReviewer", TOWNSHIP_ACCOUNTS.otherReviewer);
}, 300_000);
afterAll(async () => {
  await close?.();
});

/** A 决议 meeting on a 150,000-yuan matter the township pre-reviewed and approved, in session with its item started. */
async function preReviewedMeeting() {
  const body = await db.prisma.body.findFirstOrThrow({
    where: { orgId: villageId, kind: "villager-representatives" },
    select: { id: true, members: { select: { personId: true } } },
  });
  const { id: matterId } = await raiseMatter(
    { orgId: villageId, title: `村道硬化${Math.random().toString(36).slice(2, 6)}`, kind: "general", source: "villagers", amountYuan: 150_000 },
    as.villageAdmin,
  );
  const review = await requestPreReview({ matterId }, as.villageAdmin);
  await decidePreReview({ preReviewId: review.id, decision: "approve" }, as.reviewer);
  const { id: meetingId } = await scheduleMeeting(
    {
      bodyId: body.id,
      number: `列席${Math.random().toString(36).slice(2, 8)}`,
      title: "村道硬化决议",
      startsAt: new Date().toISOString(),
      place: "村委会",
      agenda: [{ title: "村道硬化工程", matterId }],
    },
    SYSTEM,
  );
  await openMeeting({ meetingId }, SYSTEM);
  for (const m of body.members) await recordAttendance({ meetingId, personId: m.personId, status: "present_in_person" }, SYSTEM);
  await startItem({ meetingId }, SYSTEM);
  return { matterId, meetingId, members: body.members.length };
}

async function decideAndFinalize(meetingId: string, members: number) {
  const { motionId } = await openVote({ meetingId, text: "同意村道硬化工程", method: "hands_totals" }, SYSTEM);
  await recordTotals({ meetingId, motionId, kind: "totals", yes: members, no: 0, abstain: 0 }, SYSTEM);
  await closeVote({ meetingId, motionId }, SYSTEM);
  await announceResult({ meetingId, motionId }, SYSTEM);
  await adjournMeeting({ meetingId }, SYSTEM);
  return finalizeMinutes({ meetingId }, SYSTEM);
}

describe("a township reviewer at a village meeting (列席 and 见证)", () => {
  it("is recorded as 列席 with title by the meeting's officers only, then signs the final minutes as a witness once; the minutes show the pre-review", async () => {
    const { meetingId, members } = await preReviewedMeeting();
    const add = (actor: Actor, accountId = ids.reviewer as string) => addTownshipAttendee({ meetingId, accountId }, actor);
    for (const who of ["member", "villageAdmin", "otherVillageAdmin", "reviewer", "townAdmin", "otherReviewer"] as const) {
      await expect(add(as[who]), who).rejects.toMatchObject({ code: "forbidden" });
    }
    // Only a reviewer of the village's own township can be picked.
    await expect(add(SYSTEM, ids.otherReviewer)).rejects.toMatchObject({ code: "invalid_input", details: { reason: "not_township_reviewer" } });
    await expect(add(SYSTEM, ids.townSupervisor)).rejects.toMatchObject({ code: "invalid_input", details: { reason: "not_township_reviewer" } });
    const { id } = await add(SYSTEM);
    await expect(add(SYSTEM)).rejects.toMatchObject({ code: "conflict", details: { reason: "already_attending" } });
    const row = await db.prisma.nonVotingAttendee.findUniqueOrThrow({ where: { id }, select: { accountId: true, title: true, name: true, affiliation: true } });
    expect(row).toEqual({ accountId: ids.reviewer, title: "镇街工作人员", name: "黄预审", affiliation: "大沥镇（演示）" });
    const recorded = (await villageLog("attendance.township_recorded")).find((e) => e.object.id === id);
    expect(recorded?.data).toMatchObject({ title: "镇街工作人员", accountId: ids.reviewer });

    // Before the minutes are final there is nothing to witness.
    await expect(signAsTownshipWitness({ meetingId }, as.reviewer)).rejects.toMatchObject({ code: "conflict", details: { reason: "not_final" } });
    const version = await decideAndFinalize(meetingId, members);
    const text = (await db.prisma.minutesVersion.findUniqueOrThrow({ where: { id: version.versionId }, select: { text: true } })).text;
    expect(text).toContain("黄预审（大沥镇（演示），镇街工作人员）");
    expect(text).toMatch(/镇街预审：已经镇街预审（黄预审，\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/);

    for (const who of ["otherReviewer", "townSupervisor", "townAdmin", "villageAdmin", "villageSupervisor", "member"] as const) {
      await expect(signAsTownshipWitness({ meetingId, versionId: version.versionId }, as[who]), who).rejects.toMatchObject({ code: "forbidden" });
    }
    const before = await loadMinutesStatus(db.prisma, meetingId);
    const signed = await signAsTownshipWitness({ meetingId, versionId: version.versionId }, as.reviewer);
    expect(signed.version).toBe(1);
    await expect(signAsTownshipWitness({ meetingId }, as.reviewer)).rejects.toMatchObject({ code: "conflict", details: { reason: "already_witnessed" } });
    const entry = (await villageLog("minutes.township_witnessed")).find((e) => e.object.id === version.versionId);
    expect(entry).toMatchObject({ actor: { role: "reviewer", name: "黄预审" }, data: { name: "黄预审", title: "镇街工作人员", version: 1 } });
    // A witness is not a required signer: the sign-off neither waits for nor counts the witness.
    const after = await loadMinutesStatus(db.prisma, meetingId);
    expect(after?.required).toEqual(before?.required);
    expect(after?.required.some((s) => s.name === "黄预审")).toBe(false);
    expect(after?.latest?.missing).toEqual(before?.latest?.missing);
  });

  it("refuses the witness at a meeting the reviewer was not recorded at", async () => {
    const { meetingId, members } = await preReviewedMeeting();
    await decideAndFinalize(meetingId, members);
    await expect(signAsTownshipWitness({ meetingId }, as.reviewer)).rejects.toMatchObject({ code: "forbidden", details: { reason: "not_attending" } });
  });
});

describe("the township's 镇街监督", () => {
  it("writes an opinion on a village matter into the village's log; another township's staff and the township's other roles cannot", async () => {
    const { id: matterId } = await raiseMatter({ orgId: villageId, title: "集体鱼塘续包", source: "villagers" }, as.villageAdmin);
    const opinion = { orgId: villageId, matterId, text: "续包方案应先经村民代表会议审议。" };
    for (const who of ["otherReviewer", "reviewer", "townAdmin", "villageAdmin", "member", "otherVillageAdmin"] as const) {
      await expect(addSupervisionOpinion(opinion, as[who]), who).rejects.toMatchObject({ code: "forbidden" });
    }
    const added = await addSupervisionOpinion(opinion, as.townSupervisor);
    expect(added).toMatchObject({ matterId, byTownship: true, orgId: villageId });
    const entry = (await villageLog("supervision.opinion")).find((e) => e.object.id === added.id);
    expect(entry).toMatchObject({ actor: { role: "supervisor", name: "罗督查" }, data: { matterId, byTownship: true } });
    // The village's own supervisor still writes as the village's.
    expect(await addSupervisionOpinion(opinion, as.villageSupervisor)).toMatchObject({ byTownship: false });
    // The matter page shows it, for the township's staff read-only.
    const page = await matterDetail({ id: ids.townSupervisor as string, name: "罗督查" }, matterId);
    expect(page.isAdmin).toBe(false);
    expect(page.canWriteTownshipOpinion).toBe(true);
    expect(page.opinions.map((o) => [o.byTownship, o.text])).toEqual([
      [true, opinion.text],
      [false, opinion.text],
    ]);
    // A township never moves the village's matter.
    await expect(moveMatter({ matterId, to: "proposal", reason: "镇街推进" }, as.townSupervisor)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets the township's staff open the village's matter pages, never another township's", async () => {
    const { id: matterId } = await raiseMatter({ orgId: villageId, title: "文化广场照明", source: "villagers" }, as.villageAdmin);
    for (const who of ["townAdmin", "reviewer", "townSupervisor"] as const) {
      const page = await matterDetail({ id: ids[who] as string, name: who }, matterId);
      expect(page.title).toBe("文化广场照明");
      expect(page.isAdmin).toBe(false);
    }
    await expect(matterDetail({ id: ids.otherReviewer as string, name: "西樵" }, matterId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(matterDetail({ id: ids.otherVillageAdmin as string, name: "邻村" }, matterId)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("answers a resident's objection to a village notice as the township; another township cannot", async () => {
    const superseded = (await db.prisma.notice.findMany({ where: { supersedesId: { not: null } }, select: { supersedesId: true } })).map(
      (n) => n.supersedesId as string,
    );
    const notice = await db.prisma.notice.findFirstOrThrow({
      where: { orgId: villageId, id: { notIn: superseded } },
      orderBy: { endsAt: "desc" },
      select: { id: true, endsAt: true },
    });
    const during = new Date(notice.endsAt.getTime() - 60 * 60 * 1000);
    const { id: objectionId } = await fileObjection({ noticeId: notice.id, text: "请公开工程预算明细。" }, as.member, during);
    const reply = { objectionId, text: "已要求村委会在公示栏补充预算明细。" };
    // The 镇街监督's objection inbox lists its villages' open objections; another township's has none of them.
    expect((await objectionInbox({ id: ids.townSupervisor as string, name: "罗督查" }, during)).open.map((o) => o.id)).toContain(objectionId);
    expect((await objectionInbox({ id: ids.otherReviewer as string, name: "西樵" }, during)).open).toEqual([]);
    for (const who of ["otherReviewer", "reviewer", "townAdmin", "villageAdmin", "member"] as const) {
      await expect(replyToObjection(reply, as[who]), who).rejects.toMatchObject({ code: "forbidden" });
    }
    await replyToObjection(reply, as.townSupervisor);
    const row = await db.prisma.objection.findUniqueOrThrow({ where: { id: objectionId }, select: { reply: true, replyByTownship: true } });
    expect(row).toEqual({ reply: reply.text, replyByTownship: true });
    // The public notice page marks it as the township's (镇街监督意见).
    const publicView = await noticeDetail(villageId, notice.id, during);
    expect(publicView.objections.find((o) => o.id === objectionId)).toMatchObject({ reply: reply.text, replyByTownship: true });
    const entry = (await villageLog("objection.replied")).find((e) => e.object.id === objectionId);
    expect(entry).toMatchObject({ actor: { role: "supervisor", name: "罗督查" }, data: { byTownship: true } });
    await expect(replyToObjection(reply, as.villageSupervisor)).rejects.toMatchObject({ code: "conflict" });
  });
});
