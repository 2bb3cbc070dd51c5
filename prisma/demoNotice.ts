/**
 * The demo's public notices (issue #8), all through the app's commands (each with its audit entry):
 *
 * - 平洲村（演示）: the 2026年度村集体财务预算 passed at the finished meeting 2026年第2次 becomes a matter, the vote is
 *   recorded on it (its 提议、商议、审议 held on paper before Yishi) and its decision notice is posted now, so the
 *   board shows a decision with a running countdown.
 * - 平洲村第一经济合作社（演示）: a whole pipeline a month old — the 成员代表大会's 2026年第1次 meeting decided the
 *   东塘鱼塘 contracting plan, its decision notice ran its 7 days (window closed), and the implementation result is
 *   posted now. A cooperative member can log in (13800000031) and sees that the closed notice takes no more
 *   objections.
 */

import { SYSTEM } from "../server/commands/actor";
import { createPlan } from "../server/commands/implementation/createPlan";
import { reportProgress } from "../server/commands/implementation/reportProgress";
import { adjournMeeting } from "../server/commands/live/adjournMeeting";
import { announceResult } from "../server/commands/live/announceResult";
import { closeVote } from "../server/commands/live/closeVote";
import { openMeeting } from "../server/commands/live/openMeeting";
import { openVote } from "../server/commands/live/openVote";
import { recordAttendance } from "../server/commands/live/recordAttendance";
import { recordTotals } from "../server/commands/live/recordTotals";
import { startItem } from "../server/commands/live/startItem";
import { moveMatter } from "../server/commands/matter/moveMatter";
import { raiseMatter } from "../server/commands/matter/raiseMatter";
import { scheduleMeeting } from "../server/commands/meeting/scheduleMeeting";
import { linkDecisionVote } from "../server/commands/notice/linkDecisionVote";
import { publishDecision } from "../server/commands/notice/publishDecision";
import { publishResult } from "../server/commands/notice/publishResult";
import { createAccount } from "../server/commands/org/createAccount";
import { currentDb } from "../server/db";
import { chinaDateInput } from "../server/time";
import { DEMO_PASSWORD } from "./demoAccounts";
import { demoPondPhoto } from "./demoPhoto";

const DAY = 86_400_000;
/** A member of the demo cooperative who can log in (password DEMO_PASSWORD), to object to its notices. */
export const DEMO_COOP_RESIDENT = { phone: "13800000031" } as const;

export type DemoNotices = { village: { matterId: string; noticeId: string }; coop: { matterId: string; decisionNoticeId: string; resultNoticeId: string } };

/** Call once in the demo seed, after seedFinishedMeeting and before the final checkpointAllOrgs. */
export async function seedDemoNotice(): Promise<DemoNotices> {
  return { village: await villageBudget(), coop: await coopFishpond() };
}

async function villageBudget(): Promise<DemoNotices["village"]> {
  const { prisma } = currentDb();
  const motion = await prisma.motion.findFirstOrThrow({
    where: { text: "同意2026年度村集体财务预算", state: "announced", meeting: { number: "2026年第2次", org: { name: "平洲村（演示）" } } },
    select: { id: true, meeting: { select: { orgId: true } } },
  });
  const orgId = motion.meeting.orgId;
  const { id: matterId } = await raiseMatter(
    {
      orgId,
      title: "2026年度村集体财务预算",
      description: "2026年度村集体收入、支出预算，含村道养护、公共照明和困难户补助。",
      kind: "general",
      source: "cadres",
    },
    SYSTEM,
  );
  await linkDecisionVote(
    { matterId, motionId: motion.id, reason: "本事项的提议、商议、审议已于启用议事系统前按纸质记录完成，决议由2026年第2次村民代表会议表决。" },
    SYSTEM,
  );
  const notice = await publishDecision({ matterId }, SYSTEM);
  return { matterId, noticeId: notice.id };
}

async function coopFishpond(): Promise<DemoNotices["coop"]> {
  const { prisma } = currentDb();
  const coop = await prisma.organization.findFirstOrThrow({ where: { name: "平洲村第一经济合作社（演示）" }, select: { id: true } });
  const body = await prisma.body.findFirstOrThrow({ where: { orgId: coop.id, kind: "member-representatives" }, select: { id: true } });
  const roster = await prisma.bodyMember.findMany({
    where: { bodyId: body.id },
    orderBy: { person: { createdAt: "asc" } },
    select: { personId: true, person: { select: { name: true } } },
  });
  // A representative who is neither chair nor recorder, and present at the meeting below.
  const resident = roster[15];
  if (!resident) throw new Error("the demo cooperative's representatives' roster is shorter than expected");
  await createAccount(
    { orgId: coop.id, personId: resident.personId, phone: DEMO_COOP_RESIDENT.phone, displayName: resident.person.name, password: DEMO_PASSWORD },
    SYSTEM,
  );

  const { id: matterId } = await raiseMatter(
    {
      orgId: coop.id,
      title: "东塘鱼塘承包方案",
      description: "集体东塘鱼塘（约32亩）2026—2030年在本社成员内部公开竞价承包。",
      kind: "general",
      source: "cadres",
    },
    SYSTEM,
  );
  const held = new Date(Date.now() - 30 * DAY);
  held.setUTCHours(1, 30, 0, 0); // 09:30 in Asia/Shanghai
  const { id: meetingId } = await scheduleMeeting(
    {
      bodyId: body.id,
      number: "2026年第1次",
      title: "成员代表大会",
      startsAt: held.toISOString(),
      place: "合作社办公室",
      noticeDate: chinaDateInput(held.getTime() - 10 * DAY),
      agenda: [{ title: "东塘鱼塘承包方案", matterId }],
    },
    SYSTEM,
  );
  // 18 of 21 representatives present; RCEOL 28: ⅔ of all 21, i.e. 14, must agree. 15 do: passed.
  const present = roster.slice(0, 18).map((m) => m.personId);
  await openMeeting({ meetingId }, SYSTEM);
  for (const personId of present) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);
  await startItem({ meetingId }, SYSTEM);
  const { motionId } = await openVote(
    { meetingId, text: "同意东塘鱼塘2026—2030年在本社成员内部公开竞价承包", method: "hands_named", matterKind: "general" },
    SYSTEM,
  );
  const choices = present.map((voterPersonId, i) => ({ voterPersonId, choice: i < 15 ? "yes" : i < 17 ? "no" : "abstain" }));
  await recordTotals({ meetingId, motionId, kind: "hands_named", votes: choices }, SYSTEM);
  await closeVote({ meetingId, motionId }, SYSTEM);
  await announceResult({ meetingId, motionId }, SYSTEM);
  await adjournMeeting({ meetingId }, SYSTEM);

  await linkDecisionVote(
    { matterId, motionId, reason: "本事项经村党组织研究提议、两委商议、党员大会审议，均有纸质记录，决议由2026年第1次成员代表大会表决。" },
    SYSTEM,
  );
  const decision = await publishDecision({ matterId }, SYSTEM, new Date(held.getTime() + DAY));
  await moveMatter({ matterId, to: "implementation", reason: "公示期满，无异议，组织实施。" }, SYSTEM);
  // Its implementation record (issue #23): a plan and one progress report with a photo of the finished bank, which
  // the township's photo index keeps for comparing its other villages' photos.
  const plan = await createPlan(
    {
      matterId,
      responsibleId: roster[0]?.personId ?? resident.personId,
      startsOn: chinaDateInput(held.getTime() + 8 * DAY),
      endsOn: chinaDateInput(Date.now() + 300 * DAY),
      milestones: [{ title: "签订承包合同", dueOn: chinaDateInput(held.getTime() + 20 * DAY) }],
    },
    SYSTEM,
    new Date(held.getTime() + 9 * DAY),
  );
  await reportProgress(
    { planId: plan.planId, text: "承包合同已签订，东塘护岸已整修。", files: [{ filename: "东塘护岸.jpg", data: await demoPondPhoto() }] },
    SYSTEM,
    new Date(held.getTime() + 21 * DAY),
  );
  const result = await publishResult(
    {
      matterId,
      body: "经本社成员内部公开竞价，东塘鱼塘由本社成员以每年每亩1,200元中标承包，承包期2026年4月至2030年12月，承包合同已签订，首年承包费已入账。",
    },
    SYSTEM,
    new Date(Date.now() - 2 * DAY),
  );
  return { matterId, decisionNoticeId: decision.id, resultNoticeId: result.id };
}
