/**
 * Is the meeting quorate (法定到会人数)? The rules engine decides; this file only feeds it the attendance and puts
 * the answer in words for the roll call.
 */
import { AppError } from "../../errors";
import { type BodyKind, type Charter, evaluateDecision, type Localized, type QuorumBasis } from "../rules";
import { type AttendanceRecord, type AttendanceSummary, type RosterMember, summarizeAttendance } from "./attendance";

export type QuorumStatus = {
  quorumMet: boolean;
  quorumRequired: number;
  basis: QuorumBasis;
  /** Expected and present in the basis' unit (persons or households). */
  expected: number;
  present: number;
  legalBasis: string[];
  explanation: Localized;
};

/**
 * The engine's explanation of a motion would also speak of yes votes; at roll call only the attendance matters,
 * so the sentence is built here from the engine's numbers (the thresholds themselves come from the engine only).
 */
function explainQuorum(status: Omit<QuorumStatus, "explanation">, summary: AttendanceSummary): Localized {
  const { expected, present, quorumRequired: required, quorumMet: isMet } = status;
  const isHousehold = status.basis === "households";
  const unit = isHousehold ? "户" : "人";
  const extras: string[] = [];
  const extrasEn: string[] = [];
  if (!isHousehold && summary.presentOnline > 0) {
    extras.push(`线上${summary.presentOnline}人`);
    extrasEn.push(`${summary.presentOnline} online`);
  }
  if (!isHousehold && summary.presentByProxy > 0) {
    extras.push(`委托${summary.presentByProxy}人`);
    extrasEn.push(`${summary.presentByProxy} by proxy`);
  }
  const zhCounts = `应到${expected}${unit}，实到${present}${unit}${extras.length > 0 ? `（其中${extras.join("、")}）` : ""}，`;
  const enCounts = isHousehold
    ? `${expected} households expected, ${present} represented: `
    : `${expected} expected, ${present} present${extrasEn.length > 0 ? ` (${extrasEn.join(", ")})` : ""}: `;
  const basisZh = `依据：${status.legalBasis.join("、")}。`;
  const basisEn = `Basis: ${status.legalBasis.join("; ")}.`;
  if (required === 0) {
    return {
      "zh-CN": `${zhCounts}法律未规定到会人数要求，会议可以表决。${basisZh}`,
      en: `${enCounts}the law sets no attendance requirement; the meeting may vote. ${basisEn}`,
    };
  }
  if (isMet) {
    return {
      "zh-CN": `${zhCounts}达到法定到会数（${required}${unit}），会议有效。${basisZh}`,
      en: `${enCounts}at least the ${required} required; the meeting may decide. ${basisEn}`,
    };
  }
  return {
    "zh-CN": `${zhCounts}不足法定到会数（${required}${unit}），还差${required - present}${unit}，会议不能作出决定。${basisZh}`,
    en: `${enCounts}fewer than the ${required} required (${required - present} short); the meeting cannot decide. ${basisEn}`,
  };
}

/**
 * The quorum of the body (and its charter, only ever stricter) for this attendance. `basis` "households" uses the
 * household form of VCOL 22 / 28 and needs a body that allows it.
 */
export function quorumStatus(
  summary: AttendanceSummary,
  bodyKind: BodyKind,
  charter?: Charter,
  basis: QuorumBasis = "members",
  /** The meeting's date: its law editions are cited. */
  on?: Date | string,
): QuorumStatus {
  if (summary.bodyKind !== bodyKind) {
    throw new AppError("invalid_input", "the attendance was summarized for another body kind", {
      field: "bodyKind",
      details: { summarized: summary.bodyKind, bodyKind },
    });
  }
  const isHousehold = basis === "households";
  if (isHousehold && (summary.households === undefined || summary.presentHouseholds === undefined)) {
    throw new AppError("invalid_input", "this body does not count quorum by household", { field: "basis", details: { bodyKind } });
  }
  // A body with nobody on its roster yet (scheduled before its members were entered) cannot meet: nothing to count.
  if (summary.expected === 0) {
    return {
      quorumMet: false,
      quorumRequired: 0,
      basis,
      expected: 0,
      present: 0,
      legalBasis: [],
      explanation: {
        "zh-CN": "这个机构还没有成员名单，无法计算到会人数，也不能表决。请先在管理页面录入或导入成员。",
        en: "This body has nobody on its roster yet, so attendance cannot be counted and nothing can be voted. Enter or import its members first.",
      },
    };
  }
  // Zero votes: only the quorum half of the engine's answer is used.
  const result = evaluateDecision({
    body: bodyKind,
    members: summary.expected,
    present: summary.present,
    ...(isHousehold ? { households: summary.households, presentHouseholds: summary.presentHouseholds } : {}),
    yes: 0,
    no: 0,
    abstain: 0,
    ...(charter === undefined ? {} : { charter }),
    ...(on === undefined ? {} : { on }),
  });
  const status = {
    quorumMet: result.quorumMet,
    quorumRequired: result.quorumRequired,
    basis: result.quorumBasis,
    expected: isHousehold ? (summary.households ?? 0) : summary.expected,
    present: isHousehold ? (summary.presentHouseholds ?? 0) : summary.present,
    legalBasis: result.legalBasis,
  };
  return { ...status, explanation: explainQuorum(status, summary) };
}

/** What a meeting's quorum depends on: its roster, attendance, body (kind and charter) and day. */
export type QuorumFacts = {
  roster: readonly RosterMember[];
  attendance: AttendanceRecord[];
  body: { kind: BodyKind; charter: Charter };
  meeting: { openedAt: Date | null; startsAt: Date };
};

/** Quorum of the meeting for a given attendance, by the rules engine (persons; the household form where the body uses it). */
export function quorumOf(facts: QuorumFacts, attendance: AttendanceRecord[] = facts.attendance): QuorumStatus {
  const summary = summarizeAttendance(facts.roster, attendance, { bodyKind: facts.body.kind });
  return quorumStatus(summary, facts.body.kind, facts.body.charter, "members", facts.meeting.openedAt ?? facts.meeting.startsAt);
}

/** The quorum as an audit entry records it (`quorum.checked`, `vote.opened`). */
export function quorumData(status: QuorumStatus): {
  quorumMet: boolean;
  quorumRequired: number;
  basis: string;
  expected: number;
  present: number;
  legalBasis: string[];
} {
  return {
    quorumMet: status.quorumMet,
    quorumRequired: status.quorumRequired,
    basis: status.basis,
    expected: status.expected,
    present: status.present,
    legalBasis: status.legalBasis,
  };
}
