/**
 * The locked record blocks of the minutes: header, attendance, each agenda item and each closed vote. They are built
 * from the database record only, never from what an editor typed, so no editor can alter them (RULES.md §6; RCEOL 33
 * and VCOL 34 make the minutes the record of who came and how each vote went). Pure: data in, blocks out.
 */
import { z } from "zod";
import { type MatterStage, STAGE_INFO } from "../domain/matter";
import { type AttendanceRecord, type AttendanceSummary, quorumStatus, summarizeAttendance } from "../domain/meeting";
import { BODY_KINDS, BODY_RULES, type BodyKind, charterSchema, MATTER_RULES, type MatterKind } from "../domain/rules";
import { nonVotingLabel } from "../domain/township/participation";
import { CONVENER_NAMES, chinaDate, chinaDateTime, chinaTimeOnDay, FORM_NAMES, listOrNone, METHOD_NAMES, ratio } from "./format";
import { type MinutesRecordData, type RecordMotion, type RecordPerson, stringsIn } from "./recordData";

export type RecordField = { label: string; value: string };
export type RecordBlockKind = "header" | "attendance" | "item" | "vote";
export type RecordBlock = { id: string; kind: RecordBlockKind; title: string; fields: RecordField[] };

const resultSchema = z.looseObject({
  tally: z.looseObject({ yes: z.number(), no: z.number(), abstain: z.number() }).optional(),
  passed: z.boolean().optional(),
  competent: z.boolean().optional(),
  quorumMet: z.boolean().optional(),
  yesRequired: z.number().optional(),
  entitledCount: z.number().optional(),
  notVoted: z.number().optional(),
  legalBasis: z.array(z.string()).optional(),
  explanation: z.looseObject({ "zh-CN": z.string() }).optional(),
  trackers: z.array(z.string()).optional(),
});

function bodyKindOf(data: MinutesRecordData): BodyKind | null {
  const parsed = z.enum(BODY_KINDS).safeParse(data.meeting.bodyKind);
  return parsed.success ? parsed.data : null;
}

function nameOf(data: MinutesRecordData, personId: string | null | undefined): string {
  if (!personId) return "—";
  return data.names[personId] ?? personId;
}

function headerBlock(data: MinutesRecordData, kind: BodyKind | null): RecordBlock {
  const m = data.meeting;
  const time = [chinaDateTime(m.startsAt)];
  if (m.openedAt) time.push(`${chinaTimeOnDay(m.openedAt, m.startsAt)}开会`);
  if (m.adjournedAt) time.push(`${chinaTimeOnDay(m.adjournedAt, m.startsAt)}散会`);
  return {
    id: "header",
    kind: "header",
    title: `${m.bodyName} ${m.number} 会议记录`,
    fields: [
      { label: "会议", value: m.title },
      { label: "组织", value: m.orgName },
      { label: "议事主体", value: kind ? `${m.bodyName}（${BODY_RULES[kind].name["zh-CN"]}）` : m.bodyName },
      { label: "届次", value: m.number },
      {
        label: "召集依据",
        value: `${CONVENER_NAMES[m.convenerBasis] ?? m.convenerBasis}${m.convenerBasis === "petition" && m.petitioners !== null ? `（${m.petitioners}人联名提议）` : ""}`,
      },
      { label: "通知日期", value: m.noticeDate ? chinaDate(m.noticeDate) : "未记录" },
      { label: "时间", value: time.join("，") },
      { label: "地点", value: m.place },
      { label: "形式", value: FORM_NAMES[m.form] ?? m.form },
      { label: "主持人", value: data.chair?.name ?? "未指定" },
      { label: "记录人", value: data.recorder?.name ?? "未指定" },
      { label: "记录编号", value: m.id },
    ],
  };
}

/** Attendance records as the domain reads them; a proxy whose holder the register does not know stays absent. */
function attendanceRecords(data: MinutesRecordData): AttendanceRecord[] {
  const people = new Map<string, RecordPerson>([...data.roster, ...data.outsiders].map((p) => [p.personId, p]));
  const rosterIds = new Set(data.roster.map((p) => p.personId));
  return data.attendance
    .filter((a) => rosterIds.has(a.personId))
    .map((a): AttendanceRecord => {
      const holder = a.proxyHolderId ? people.get(a.proxyHolderId) : undefined;
      if (a.status === "proxy" && holder) {
        const facts = { personId: holder.personId, householdId: holder.householdId, isAdult: holder.isAdult };
        return { personId: a.personId, status: "proxy", proxy: { holder: facts, authorizationNote: a.authorizationNote ?? "" } };
      }
      const status = a.status === "present_in_person" || a.status === "present_online" ? a.status : "absent";
      return { personId: a.personId, status };
    });
}

export function summarize(data: MinutesRecordData, kind: BodyKind): AttendanceSummary {
  return summarizeAttendance(
    data.roster.map((p) => ({ personId: p.personId, householdId: p.householdId, isAdult: p.isAdult })),
    attendanceRecords(data),
    { bodyKind: kind, nonVoting: data.nonVoting.map((n) => ({ name: n.name, personId: null, capacity: n.affiliation ?? "" })) },
  );
}

function attendanceBlock(data: MinutesRecordData, kind: BodyKind | null): RecordBlock {
  const fields: RecordField[] = [];
  const householdOf = (personId: string) => data.roster.find((p) => p.personId === personId)?.householdNumber;
  const nonVoting = data.nonVoting.map((n) => nonVotingLabel({ name: n.name, affiliation: n.affiliation, title: n.title ?? null }));
  let summary: AttendanceSummary | null = null;
  try {
    summary = kind === null ? null : summarize(data, kind);
  } catch {
    // The register changed in a way the domain refuses (a record for someone no longer on the roster): the block
    // still shows what is certain rather than nothing.
    summary = null;
  }
  if (kind === null || summary === null) {
    fields.push({ label: "应到", value: `${data.roster.length}人` }, { label: "列席", value: listOrNone(nonVoting) });
    return { id: "attendance", kind: "attendance", title: "出席情况", fields };
  }
  const parts = [`现场${summary.presentInPerson}人`, `线上${summary.presentOnline}人`, `委托${summary.presentByProxy}人`];
  fields.push(
    { label: "应到", value: `${summary.expected}人` },
    { label: "实到", value: `${summary.present}人（${parts.join("、")}）` },
    { label: "到会比例", value: ratio(summary.present, summary.expected) },
    { label: "缺席", value: listOrNone(summary.absent.map((id) => nameOf(data, id))) },
    {
      label: "委托",
      value: listOrNone(
        summary.proxies.map((p) => {
          const household = householdOf(p.memberPersonId);
          const note = p.authorizationNote ? `，授权书：${p.authorizationNote}` : "";
          const counted = p.isCounted ? "" : "（不计入到会）";
          return `${nameOf(data, p.memberPersonId)}${household ? `（${household}）` : ""}委托${nameOf(data, p.holderPersonId)}${note}${counted}`;
        }),
      ),
    },
    { label: "列席", value: listOrNone(nonVoting) },
  );
  if (summary.households !== undefined) {
    fields.push({ label: "户数", value: `应到${summary.households}户，到会${summary.presentHouseholds ?? 0}户` });
  }
  const charter = charterSchema.safeParse(data.meeting.charter ?? {});
  const quorum = quorumStatus(summary, kind, charter.success ? charter.data : undefined);
  fields.push({ label: "法定人数", value: quorum.explanation["zh-CN"] }, { label: "计算基数", value: quorum.basis === "households" ? "按户计算" : "按人计算" });
  return { id: "attendance", kind: "attendance", title: "出席情况", fields };
}

function itemBlock(data: MinutesRecordData, item: MinutesRecordData["items"][number]): RecordBlock {
  const fields: RecordField[] = [{ label: "议题", value: `${item.position}. ${item.title}` }];
  if (item.matter) {
    const kindName = MATTER_RULES[item.matter.kind as MatterKind]?.name["zh-CN"] ?? item.matter.kind;
    const stageName = STAGE_INFO[item.matter.stage as MatterStage]?.name["zh-CN"] ?? item.matter.stage;
    fields.push({ label: "事项", value: `${item.matter.title}（${kindName}，${stageName}）` });
  }
  fields.push({
    label: "发言顺序",
    value: listOrNone(item.speakers.map((s, i) => `${i + 1}. ${nameOf(data, s.personId)}（${chinaTimeOnDay(s.grantedAt, data.meeting.startsAt)}）`)),
  });
  fields.push({ label: "回避", value: listOrNone(item.recusals.map((r) => `${nameOf(data, r.personId)}（${r.reason}）`)) });
  return { id: `item:${item.id}`, kind: "item", title: `议题${item.position}：${item.title}`, fields };
}

function voteBlock(data: MinutesRecordData, motion: RecordMotion): RecordBlock {
  const parsed = resultSchema.safeParse(motion.result);
  const result = parsed.success ? parsed.data : {};
  const item = data.items.find((i) => i.id === motion.itemId);
  const recusals = item?.recusals ?? [];
  const preReview = item?.matter?.preReview;
  const fields: RecordField[] = [
    { label: "表决事项", value: motion.text },
    { label: "表决方式", value: METHOD_NAMES[motion.method] ?? motion.method },
  ];
  const counts = [motion.expected === null ? null : `应到${motion.expected}人`, motion.present === null ? null : `实到${motion.present}人`];
  if (result.entitledCount !== undefined) counts.push(`有表决权${result.entitledCount}人`);
  fields.push({ label: "人数", value: counts.filter((c) => c !== null).join("，") || "未记录" });
  if (result.tally) {
    const notVoted = result.notVoted !== undefined && result.notVoted > 0 ? `，未表决${result.notVoted}人` : "";
    fields.push({ label: "表决结果", value: `同意${result.tally.yes}票，反对${result.tally.no}票，弃权${result.tally.abstain}票${notVoted}` });
  }
  const recusedNames = recusals.map((r) => `${nameOf(data, r.personId)}（${r.reason}）`);
  const recusedCount = motion.recusedCount ?? recusals.length;
  fields.push({ label: "回避", value: recusedCount > 0 ? `${recusedCount}人：${listOrNone(recusedNames)}` : "无" });
  if (motion.method === "paper") {
    fields.push({ label: "计票人", value: listOrNone(stringsIn(motion.counters).map((id) => nameOf(data, id))) });
    fields.push({ label: "监票人", value: listOrNone(stringsIn(motion.scrutineers).map((id) => nameOf(data, id))) });
  }
  if (result.passed !== undefined) {
    const needed = result.yesRequired !== undefined ? `（需同意${result.yesRequired}票）` : "";
    const competence = result.competent === false ? "（本主体无权决定此事项）" : "";
    fields.push({ label: "结论", value: `${result.passed ? "通过" : "未通过"}${needed}${competence}` });
  }
  // The township's legality pre-review of the matter (issue #20), from the recorded approval, never retyped.
  if (preReview) fields.push({ label: "镇街预审", value: `已经镇街预审（${preReview.name}，${chinaDateTime(preReview.at)}）` });
  if (result.legalBasis && result.legalBasis.length > 0) fields.push({ label: "法律依据", value: result.legalBasis.join("、") });
  if (result.explanation) fields.push({ label: "说明", value: result.explanation["zh-CN"] });
  // Secret ballots: the sorted trackers, once the result is announced (issue #19) — never with a voter or a choice.
  if (motion.method === "secret" && motion.announcedAt && result.trackers) {
    fields.push({
      label: "选票编号",
      value: `${result.trackers.length}个，按顺序：${listOrNone([...result.trackers].sort())}。投票人可凭投票时领到的编号核对自己的选票已计入总票数；编号不显示所选内容。`,
    });
  }
  const when = motion.announcedAt ?? motion.closedAt;
  if (when) fields.push({ label: motion.announcedAt ? "宣布时间" : "结束时间", value: chinaDateTime(when) });
  return { id: `vote:${motion.id}`, kind: "vote", title: `表决：${motion.text}`, fields };
}

/** A vote enters the record when it closes: only then is its tally final (DESIGN.md §3). */
export function isRecordedVote(motion: RecordMotion): boolean {
  return (motion.state === "closed" || motion.state === "announced") && motion.result !== null && motion.result !== undefined;
}

/** The record blocks in the order of the minutes: header, attendance, then each item followed by its closed votes. */
export function buildRecordBlocks(data: MinutesRecordData): RecordBlock[] {
  const kind = bodyKindOf(data);
  const blocks: RecordBlock[] = [headerBlock(data, kind), attendanceBlock(data, kind)];
  const itemIds = new Set(data.items.map((i) => i.id));
  for (const item of data.items) {
    blocks.push(itemBlock(data, item));
    for (const motion of data.motions) if (motion.itemId === item.id && isRecordedVote(motion)) blocks.push(voteBlock(data, motion));
  }
  for (const motion of data.motions) if (!itemIds.has(motion.itemId) && isRecordedVote(motion)) blocks.push(voteBlock(data, motion));
  return blocks;
}
