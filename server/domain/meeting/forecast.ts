/**
 * The quorum forecast before a meeting (预计到会): everyone on the roster who has not asked for leave is expected,
 * those who said they will attend online only where the body may count online attendance. The rules engine
 * decides whether that reaches the quorum; this file only counts.
 */

import { type BodyKind, type Charter, evaluateDecision, type Localized } from "../rules";
import { citationText, cite } from "../rules/citations";

/**
 * Bodies where attending online counts as present, with the rule that says so. RCEOL 27: a 成员大会 member may take
 * part online. The VCOL (2025 edition included) has no provision for online attendance at a 村民会议, 村民代表会议
 * or 村民小组会议, so there it is not counted.
 */
export const ONLINE_ATTENDANCE: Partial<Record<BodyKind, string>> = {
  "members-assembly": citationText(cite("RCEOL", 27)),
};

export type Forecast = {
  members: number;
  expected: number;
  leave: number;
  online: number;
  /** Online intents that cannot count at this body. */
  onlineNotCounted: number;
  quorumRequired: number;
  reachable: boolean;
  legalBasis: string[];
  message: Localized;
};

export function forecastQuorum(input: {
  body: BodyKind;
  charter?: Charter;
  roster: readonly string[];
  intents: readonly { personId: string; kind: string }[];
}): Forecast {
  const onRoster = new Set(input.roster);
  const intents = input.intents.filter((i) => onRoster.has(i.personId));
  const leave = intents.filter((i) => i.kind === "leave").length;
  const online = intents.filter((i) => i.kind === "online").length;
  const onlineNotCounted = ONLINE_ATTENDANCE[input.body] ? 0 : online;
  const members = onRoster.size;
  const expected = members - leave - onlineNotCounted;
  if (members === 0) {
    return {
      members,
      expected: 0,
      leave,
      online,
      onlineNotCounted,
      quorumRequired: 0,
      reachable: false,
      legalBasis: [],
      message: { "zh-CN": "名单上没有成员", en: "The roster is empty" },
    };
  }
  const decision = evaluateDecision({
    body: input.body,
    members,
    present: expected,
    yes: 0,
    no: 0,
    abstain: 0,
    ...(input.charter ? { charter: input.charter } : {}),
  });
  const required = decision.quorumRequired;
  const reachable = decision.quorumMet;
  const zh = reachable
    ? `预计到会 ${expected}/${members}：可以达到法定人数（需 ${required} 人）`
    : `预计到会 ${expected}/${members}：达不到法定人数（需 ${required} 人，还差 ${required - expected} 人）`;
  const en = reachable
    ? `Expected ${expected}/${members}: the quorum can be reached (${required} needed)`
    : `Expected ${expected}/${members}: the quorum cannot be reached (${required} needed, ${required - expected} short)`;
  return {
    members,
    expected,
    leave,
    online,
    onlineNotCounted,
    quorumRequired: required,
    reachable,
    legalBasis: decision.legalBasis,
    message: { "zh-CN": zh, en },
  };
}
