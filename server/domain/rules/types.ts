/**
 * Public types of the rules engine (DESIGN.md §7). Keys follow RULES.md §1 (bodies) and §2 (matters).
 */

export const BODY_KINDS = [
  "villagers-assembly",
  "villager-representatives",
  "villager-group",
  "members-assembly",
  "member-representatives",
  "board",
  "party-members",
  "party-committee",
  "two-committees",
  "supervisory-board",
] as const;

export type BodyKind = (typeof BODY_KINDS)[number];

export const MATTER_KINDS = [
  "general",
  "land-contract-plan",
  "land-adjustment",
  "land-contract-outsider",
  "construction-land",
  "charter",
  "membership",
  "land-compensation",
  "merger-split",
  "member-rights-grant",
] as const;

export type MatterKind = (typeof MATTER_KINDS)[number];

/**
 * A share of a base, as whole numbers. By default it means "at least" (以上, CC 1259 includes the number itself:
 * ⅔以上 of 30 is 20). With `isMoreThan` it means "more than" (超过 / 过半数: more than ½ of 30 is 16).
 * Valid when 0 < numerator ≤ denominator; `isMoreThan` needs numerator < denominator.
 */
export type Fraction = { numerator: number; denominator: number; isMoreThan?: boolean };

export type Localized = { "zh-CN": string; en: string };

/**
 * A charter (章程) may only make rules stricter: the engine takes the larger required count of law and charter.
 * - `quorum` applies to the body's quorum base (members, or households in the household form).
 * - `pass` applies to the same base as the legal pass rule of the body or matter: attendees where the law counts
 *   attendees (村民会议, 村民代表会议 …), all members where the law counts all members (成员大会, 理事会, land
 *   matters …).
 * - `recusedLeaveBase`: recused members leave both the members and the attendee counts for that motion.
 */
export type Charter = { recusedLeaveBase?: boolean; quorum?: Fraction; pass?: Fraction };

export type DecisionInput = {
  body: BodyKind;
  /** Default "general". */
  matter?: MatterKind;
  /** Voting members of the body (应到); villagers 18+ for an assembly. */
  members: number;
  /** Households, where the body may count quorum by household (村民会议, 村民小组会议). */
  households?: number;
  /** Voting members present (实到), online and lawful proxies included. */
  present: number;
  /** Households represented; when given (with `households`), the household form is used. */
  presentHouseholds?: number;
  yes: number;
  no: number;
  abstain: number;
  /** Present members (households in the household form) recused on this motion. */
  recused?: number;
  charter?: Charter;
  /**
   * The meeting's date: the rules and citations of the law editions in force that day apply (editions.ts). Without
   * it, the newest editions; every caller with a meeting passes its date.
   */
  on?: string | Date;
};

/** An edition of a law applied to a decision, with its days in force. */
export type AppliedEdition = { id: string; law: string; label: Localized; from: string; to: string | null };

export type QuorumBasis = "members" | "households";

export type DecisionResult = {
  competent: boolean;
  quorumMet: boolean;
  quorumRequired: number;
  quorumBasis: QuorumBasis;
  passed: boolean;
  yesRequired: number;
  legalBasis: string[];
  /** The editions the legal basis cites (never empty where a statute is cited). */
  editions: AppliedEdition[];
  /** The day the editions were chosen for ("YYYY-MM-DD"), or null for the newest. */
  onDate: string | null;
  explanation: Localized;
};

/** A warning about a body's composition or a meeting's notice; it never blocks a decision by itself. */
export type RuleWarning = { code: string; legalBasis: string; message: Localized };
