/**
 * The demo's finished meeting: 2026年第2次 村民代表会议, held two weeks ago — attendance, two motions by show of
 * hands (one passed; one failed a single vote short of the law's ⅔-of-all threshold) and announced results, all
 * through the live-meeting commands, run by the system on the chair's behalf.
 */
import { SYSTEM } from "../server/commands/actor";
import { adjournMeeting } from "../server/commands/live/adjournMeeting";
import { announceResult } from "../server/commands/live/announceResult";
import { closeVote } from "../server/commands/live/closeVote";
import { openMeeting } from "../server/commands/live/openMeeting";
import { openVote } from "../server/commands/live/openVote";
import { recordAttendance } from "../server/commands/live/recordAttendance";
import { recordTotals } from "../server/commands/live/recordTotals";
import { startItem } from "../server/commands/live/startItem";
import { scheduleMeeting } from "../server/commands/meeting/scheduleMeeting";
import { currentDb } from "../server/db";
import { chinaDateInput, DAY_MS } from "../server/time";
import { seedMinutesForMeeting } from "./demoMinutes";

type Choice = "yes" | "no" | "abstain";

/** A second upcoming meeting, ten days ahead, with its own agenda (the first is 2026年第3次 in three days). */
export async function seedNextMeeting(bodyId: string): Promise<string> {
  const day = new Date(Date.now() + 10 * 24 * 3600 * 1000);
  day.setUTCHours(6, 30, 0, 0); // 14:30 in Asia/Shanghai
  const { id } = await scheduleMeeting(
    {
      bodyId,
      number: "2026年第4次",
      title: "村民代表会议",
      startsAt: day.toISOString(),
      place: "村文化室",
      noticeDate: chinaDateInput(Date.now()),
      agenda: [{ title: "村容村貌整治经费使用" }, { title: "村民小组长补贴标准" }],
    },
    SYSTEM,
  );
  return id;
}

export async function seedFinishedMeeting(bodyId: string): Promise<string> {
  const held = new Date(Date.now() - 14 * 24 * 3600 * 1000);
  held.setUTCHours(1, 30, 0, 0);
  const notice = chinaDateInput(held.getTime() - 8 * DAY_MS);
  const { id: meetingId } = await scheduleMeeting(
    {
      bodyId,
      number: "2026年第2次",
      title: "村民代表会议",
      startsAt: held.toISOString(),
      place: "村委会二楼会议室",
      noticeDate: notice,
      agenda: [{ title: "2026年度村集体财务预算" }, { title: "村集体经营性建设用地（原砖厂地块）出租方案" }],
    },
    SYSTEM,
  );
  const roster = await currentDb().prisma.bodyMember.findMany({
    where: { bodyId },
    orderBy: { person: { name: "asc" } },
    select: { personId: true },
  });
  const present = roster.slice(0, 12).map((m) => m.personId);
  await openMeeting({ meetingId }, SYSTEM);
  for (const personId of present) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);

  // Item 1, a general matter: 12 present, a majority of them (7) needed (VCOL 26). 10 yes: passed.
  await vote(meetingId, "同意2026年度村集体财务预算", "general", present, [
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "no",
    "abstain",
  ]);
  // Item 2, collective construction land (LAL 63): ⅔ of ALL 15 representatives, i.e. 10, must agree. 9 yes: not passed.
  await vote(meetingId, "同意原砖厂地块出租方案", "construction-land", present, [
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "yes",
    "no",
    "no",
    "abstain",
  ]);
  await adjournMeeting({ meetingId }, SYSTEM);
  return meetingId;
}

/** The finished meeting's minutes: finalized and signed by the chair, the recorder and every attendee. */
export async function seedFinishedMinutes(meetingId: string): Promise<void> {
  await seedMinutesForMeeting(
    meetingId,
    "会议由村委会主任陈国强主持，梁丽娟记录。会议首先审议2026年度村集体财务预算，村会计作了说明，代表就道路维修和公共照明支出提问后举手表决。随后审议原砖厂地块出租方案，部分代表认为租期过长、租金偏低，表决未达到全体代表三分之二以上同意，方案未通过，交村“两委”重新商议。",
  );
}

async function vote(meetingId: string, text: string, matterKind: string, voters: string[], choices: Choice[]): Promise<void> {
  await startItem({ meetingId }, SYSTEM);
  const { motionId } = await openVote({ meetingId, text, method: "hands_named", matterKind }, SYSTEM);
  await recordTotals(
    { meetingId, motionId, kind: "hands_named", votes: voters.map((voterPersonId, i) => ({ voterPersonId, choice: choices[i] ?? "abstain" })) },
    SYSTEM,
  );
  await closeVote({ meetingId, motionId }, SYSTEM);
  await announceResult({ meetingId, motionId }, SYSTEM);
}
