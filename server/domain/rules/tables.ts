/**
 * The legal rule tables: RULES.md §1 (bodies) and §2 (matters), each rule with its citation.
 */
import { type Citation, cite } from "./citations";
import { HALF, MORE_THAN_HALF, THREE_QUARTERS, TWO_THIRDS } from "./counting";
import type { BodyKind, Fraction, Localized, MatterKind } from "./types";

/** Whose number a pass rule counts: those present (到会人员) or all members of the body (全体成员). */
export type PassBase = "attendees" | "all";

export type PassRule = { fraction: Fraction; base: PassBase };

export type BodyRule = {
  name: Localized;
  /** null: the law states no quorum (a charter may set one). */
  quorum: Fraction | null;
  /** Present only where the law allows counting by household (户代表). */
  householdQuorum?: Fraction;
  quorumBasis: Citation[];
  pass: PassRule;
  passBasis: Citation[];
  /** Rules the law does not state, taken from practice or by analogy; explanations say so. */
  isQuorumInferred: boolean;
  isPassInferred: boolean;
};

export const BODY_RULES: Record<BodyKind, BodyRule> = {
  // VCOL 22: 过半数 of villagers 18+, or ⅔以上 of households; decided by 过半数 of those present.
  "villagers-assembly": {
    name: { "zh-CN": "村民会议", en: "villagers' assembly" },
    quorum: MORE_THAN_HALF,
    householdQuorum: TWO_THIRDS,
    quorumBasis: [cite("VCOL", 22)],
    pass: { fraction: MORE_THAN_HALF, base: "attendees" },
    passBasis: [cite("VCOL", 22)],
    isQuorumInferred: false,
    isPassInferred: false,
  },
  // VCOL 26: ⅔以上 of all members (representatives + committee members); 过半数 of those present.
  "villager-representatives": {
    name: { "zh-CN": "村民代表会议", en: "villager representatives' meeting" },
    quorum: TWO_THIRDS,
    quorumBasis: [cite("VCOL", 26)],
    pass: { fraction: MORE_THAN_HALF, base: "attendees" },
    passBasis: [cite("VCOL", 26)],
    isQuorumInferred: false,
    isPassInferred: false,
  },
  // VCOL 28: ⅔以上 of villagers 18+, or ⅔以上 of households; 过半数 of those present.
  "villager-group": {
    name: { "zh-CN": "村民小组会议", en: "villager group meeting" },
    quorum: TWO_THIRDS,
    householdQuorum: TWO_THIRDS,
    quorumBasis: [cite("VCOL", 28)],
    pass: { fraction: MORE_THAN_HALF, base: "attendees" },
    passBasis: [cite("VCOL", 28)],
    isQuorumInferred: false,
    isPassInferred: false,
  },
  // RCEOL 27: ⅔以上 of members attend (online and same-household written proxy count); ⅔以上 of ALL members agree.
  "members-assembly": {
    name: { "zh-CN": "成员大会", en: "members' assembly" },
    quorum: TWO_THIRDS,
    quorumBasis: [cite("RCEOL", 27)],
    pass: { fraction: TWO_THIRDS, base: "all" },
    passBasis: [cite("RCEOL", 27)],
    isQuorumInferred: false,
    isPassInferred: false,
  },
  // RCEOL 28: no quorum stated; ⅔以上 of ALL representatives agree.
  "member-representatives": {
    name: { "zh-CN": "成员代表大会", en: "members' representative assembly" },
    quorum: null,
    quorumBasis: [cite("RCEOL", 28)],
    pass: { fraction: TWO_THIRDS, base: "all" },
    passBasis: [cite("RCEOL", 28)],
    isQuorumInferred: false,
    isPassInferred: false,
  },
  // RCEOL 31: ⅔以上 of directors attend; 过半数 of ALL directors agree.
  board: {
    name: { "zh-CN": "理事会", en: "board" },
    quorum: TWO_THIRDS,
    quorumBasis: [cite("RCEOL", 31)],
    pass: { fraction: MORE_THAN_HALF, base: "all" },
    passBasis: [cite("RCEOL", 31)],
    isQuorumInferred: false,
    isPassInferred: false,
  },
  // Branch 11: 半数以上 of voting party members attend; yes 超过 half of those expected (all voting members).
  "party-members": {
    name: { "zh-CN": "党员大会", en: "party members' meeting" },
    quorum: HALF,
    quorumBasis: [cite("Branch", 11)],
    pass: { fraction: MORE_THAN_HALF, base: "all" },
    passBasis: [cite("Branch", 11)],
    isQuorumInferred: false,
    isPassInferred: false,
  },
  // Branch 12: 半数以上 of committee members attend; the pass rule is not stated (inferred: 过半数 of all).
  "party-committee": {
    name: { "zh-CN": "支部委员会", en: "party branch committee" },
    quorum: HALF,
    quorumBasis: [cite("Branch", 12)],
    pass: { fraction: MORE_THAN_HALF, base: "all" },
    passBasis: [cite("Branch", 12)],
    isQuorumInferred: false,
    isPassInferred: true,
  },
  // No statute: local 四议两公开 practice; default 过半数 attend, 过半数 of those present agree (inferred).
  "two-committees": {
    name: { "zh-CN": "两委联席会议", en: "joint meeting of the two committees" },
    quorum: MORE_THAN_HALF,
    quorumBasis: [cite("practice")],
    pass: { fraction: MORE_THAN_HALF, base: "attendees" },
    passBasis: [cite("practice")],
    isQuorumInferred: true,
    isPassInferred: true,
  },
  // RCEOL 32: the charter sets the rules; by default as the board (RCEOL 31), inferred.
  "supervisory-board": {
    name: { "zh-CN": "监事会", en: "supervisory board" },
    quorum: TWO_THIRDS,
    quorumBasis: [cite("RCEOL", 32), cite("RCEOL", 31)],
    pass: { fraction: MORE_THAN_HALF, base: "all" },
    passBasis: [cite("RCEOL", 32), cite("RCEOL", 31)],
    isQuorumInferred: true,
    isPassInferred: true,
  },
};

export type MatterRule = {
  name: Localized;
  /** Bodies that may decide the matter; "all" for any body. */
  competent: readonly BodyKind[] | "all";
  /** Replaces the body's pass rule; absent: the body's own rule applies. */
  pass?: PassRule;
  basis: Citation[];
  /** What must follow a decision (approvals), for the describer. */
  afterwards?: Localized;
};

const LAND_BODIES: readonly BodyKind[] = ["villagers-assembly", "villager-representatives", "members-assembly"];
// RLCL 19/28/52, LAL 63: ⅔以上 of the members of the villagers' assembly, or ⅔以上 of the representatives.
const TWO_THIRDS_OF_ALL: PassRule = { fraction: TWO_THIRDS, base: "all" };

export const MATTER_RULES: Record<MatterKind, MatterRule> = {
  general: { name: { "zh-CN": "一般事项", en: "general matter" }, competent: "all", basis: [] },
  "land-contract-plan": {
    name: { "zh-CN": "土地承包方案", en: "land contracting plan" },
    competent: LAND_BODIES,
    pass: TWO_THIRDS_OF_ALL,
    basis: [cite("RLCL", 19), cite("RCEOL", 26)],
  },
  "land-adjustment": {
    name: { "zh-CN": "承包地个别调整", en: "adjustment of individual contracted land" },
    competent: LAND_BODIES,
    pass: TWO_THIRDS_OF_ALL,
    basis: [cite("RLCL", 28)],
    afterwards: { "zh-CN": "通过后报乡（镇）人民政府和县级主管部门批准。", en: "Then approval by the township and the county department." },
  },
  "land-contract-outsider": {
    name: { "zh-CN": "土地发包给本集体以外的单位或个人", en: "contracting land to an outside unit or person" },
    competent: LAND_BODIES,
    pass: TWO_THIRDS_OF_ALL,
    basis: [cite("RLCL", 52)],
    afterwards: { "zh-CN": "通过后报乡（镇）人民政府批准。", en: "Then approval by the township government." },
  },
  "construction-land": {
    name: { "zh-CN": "集体经营性建设用地出让、出租", en: "transfer or lease of collective construction land for business use" },
    competent: [...LAND_BODIES, "member-representatives"],
    pass: TWO_THIRDS_OF_ALL,
    basis: [cite("LAL", 63), cite("RCEOL", 26)],
  },
  // RCEOL 28: a members' representative assembly may not exercise RCEOL 26 items (1), (3), (8), (10), (12).
  charter: {
    name: { "zh-CN": "制定、修改章程", en: "adopting or amending the charter" },
    competent: ["members-assembly"],
    basis: [cite("RCEOL", 26), cite("RCEOL", 28)],
  },
  membership: {
    name: { "zh-CN": "确认成员", en: "confirming membership" },
    competent: ["members-assembly"],
    basis: [cite("RCEOL", 26), cite("RCEOL", 28)],
  },
  "land-compensation": {
    name: { "zh-CN": "土地补偿费分配、使用", en: "distribution and use of land compensation" },
    competent: ["members-assembly", "villagers-assembly", "villager-representatives"],
    basis: [cite("RCEOL", 26), cite("RCEOL", 28), cite("VCOL", 24)],
  },
  "merger-split": {
    name: { "zh-CN": "合并、分立", en: "merger or split" },
    competent: ["members-assembly"],
    basis: [cite("RCEOL", 26), cite("RCEOL", 28)],
  },
  // RCEOL 15: ¾以上 of ALL members of the members' assembly agree.
  "member-rights-grant": {
    name: { "zh-CN": "非成员享有成员权利", en: "granting member rights to a non-member" },
    competent: ["members-assembly"],
    pass: { fraction: THREE_QUARTERS, base: "all" },
    basis: [cite("RCEOL", 15)],
  },
};

export function isCompetent(body: BodyKind, matter: MatterKind): boolean {
  const { competent } = MATTER_RULES[matter];
  return competent === "all" || competent.includes(body);
}

/** The legal pass rule for this body and matter: the matter's rule where it has one, else the body's. */
export function legalPassRule(body: BodyKind, matter: MatterKind): PassRule {
  return MATTER_RULES[matter].pass ?? BODY_RULES[body].pass;
}
