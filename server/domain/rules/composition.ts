/**
 * Composition checks of a body against the law. They return warnings for the admin; they never block a decision.
 */
import { AppError } from "../../errors";
import { citationText, cite } from "./citations";
import { ceilShare, FOUR_FIFTHS, floorShare, ONE_THIRD, requiredCount } from "./counting";
import type { BodyKind, RuleWarning } from "./types";
import { assertBodyKind, assertCount } from "./validate";

export type CompositionInput = {
  body: BodyKind;
  /** All voting members of the body (for a 村民代表会议: representatives + villagers' committee members). */
  members: number;
  /** Village representatives among the members (村民代表会议). */
  representatives?: number;
  /** Women among the representatives. */
  women?: number;
  /** Households of the organization (成员代表大会: one representative per 5–15 households). */
  households?: number;
  /** The day whose law editions are cited ("YYYY-MM-DD"); without it, the newest. */
  on?: string;
};

function villagerRepresentatives(input: CompositionInput): RuleWarning[] {
  const VCOL_25 = citationText(cite("VCOL", 25), input.on);
  const warnings: RuleWarning[] = [];
  const { members, representatives, women } = input;
  // VCOL 25: representatives ≥ ⅘ of the meeting's members (五分之四以上).
  if (representatives !== undefined) {
    const needed = requiredCount(FOUR_FIFTHS, members);
    if (representatives < needed) {
      warnings.push({
        code: "representatives_below_four_fifths",
        legalBasis: VCOL_25,
        message: {
          "zh-CN": `村民代表${representatives}人，应占组成人员${members}人的五分之四以上（至少${needed}人）。`,
          en: `${representatives} village representatives: they should be at least four fifths of the ${members} members (${needed}).`,
        },
      });
    }
  }
  // VCOL 25: women representatives ≥ ⅓ of the meeting's members — the law counts all members
  // (组成人员), not only the representatives.
  if (women !== undefined) {
    const needed = requiredCount(ONE_THIRD, members);
    if (women < needed) {
      warnings.push({
        code: "women_below_one_third",
        legalBasis: VCOL_25,
        message: {
          "zh-CN": `妇女村民代表${women}人，应占组成人员${members}人的三分之一以上（至少${needed}人）。`,
          en: `${women} women representatives: they should be at least one third of the ${members} members (${needed}).`,
        },
      });
    }
  }
  return warnings;
}

function memberRepresentatives(input: CompositionInput): RuleWarning[] {
  const RCEOL_28 = citationText(cite("RCEOL", 28), input.on);
  const warnings: RuleWarning[] = [];
  const { members, women, households } = input;
  // RCEOL 28: 代表人数应当多于二十人 — more than 20, so at least 21.
  if (members <= 20) {
    warnings.push({
      code: "representatives_not_more_than_twenty",
      legalBasis: RCEOL_28,
      message: {
        "zh-CN": `成员代表${members}人，法律要求多于二十人（至少21人）。`,
        en: `${members} member representatives: the law requires more than twenty (at least 21).`,
      },
    });
  }
  // RCEOL 28: 有适当数量的妇女代表 — no number is set, so only none at all is flagged.
  if (women === 0) {
    warnings.push({
      code: "no_women_representatives",
      legalBasis: RCEOL_28,
      message: {
        "zh-CN": "成员代表中没有妇女代表，法律要求有适当数量的妇女代表。",
        en: "No women among the member representatives: the law asks for a fair number of women.",
      },
    });
  }
  // RCEOL 28: 一般每五户至十五户选举代表一人 — "generally", so a warning: h/15 ≤ representatives ≤ h/5.
  if (households !== undefined && households > 0) {
    const fewest = ceilShare(1, 15, households);
    const most = floorShare(1, 5, households);
    if (members < fewest || members > most) {
      warnings.push({
        code: "representatives_per_households",
        legalBasis: RCEOL_28,
        message: {
          "zh-CN": `${households}户选出成员代表${members}人；一般每五户至十五户选一人（${fewest}至${most}人）。`,
          en: `${members} representatives for ${households} households: generally one per 5 to 15 households (${fewest} to ${most}).`,
        },
      });
    }
  }
  return warnings;
}

function board(members: number, on?: string): RuleWarning[] {
  const RCEOL_29 = citationText(cite("RCEOL", 29), on);
  // RCEOL 29: 一般由三至七名单数成员组成.
  if (members >= 3 && members <= 7 && members % 2 === 1) return [];
  return [
    {
      code: "board_size",
      legalBasis: RCEOL_29,
      message: {
        "zh-CN": `理事会${members}人；一般应由三至七名单数成员组成。`,
        en: `The board has ${members} members: it should generally have an odd number from 3 to 7.`,
      },
    },
  ];
}

export function checkComposition(input: CompositionInput): RuleWarning[] {
  assertBodyKind(input.body);
  assertCount(input.members, "members", 1);
  for (const field of ["representatives", "women", "households"] as const) {
    if (input[field] !== undefined) assertCount(input[field], field);
  }
  if (input.representatives !== undefined && input.representatives > input.members) {
    throw new AppError("invalid_input", "more representatives than members", { field: "representatives" });
  }
  const womenCeiling = input.body === "villager-representatives" ? (input.representatives ?? input.members) : input.members;
  if (input.women !== undefined && input.women > womenCeiling) {
    throw new AppError("invalid_input", "more women representatives than representatives", { field: "women" });
  }
  switch (input.body) {
    case "villager-representatives":
      return villagerRepresentatives(input);
    case "member-representatives":
      return memberRepresentatives(input);
    case "board":
      return board(input.members, input.on);
    default:
      return [];
  }
}
