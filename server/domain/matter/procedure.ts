/**
 * Procedure checks the law implies (issue #16), each a warning recorded with the meeting and shown to the chair and
 * the supervisors. They never block: the meeting decides, and the record shows what went wrong. Pure.
 */
import {
  BODY_RULES,
  type BodyKind,
  type Citation,
  checkNoticePeriod,
  citationText,
  cite,
  editionOn,
  isCompetent,
  MATTER_RULES,
  type MatterKind,
  NOTICE_DAYS,
  type RuleWarning,
  shanghaiDate,
} from "../rules";
import { deciderForStage, MATTER_STAGES, type MatterStage, STAGE_INFO, stageIndex } from "./stages";

export type OpeningFacts = {
  body: BodyKind;
  /** The day the notice announced (the meeting's scheduled start). */
  announced: Date;
  /** When the chair opened the meeting. */
  openedAt: Date;
  /** When notice was given: the first successful delivery in the notice log (issue #22), else the date recorded. */
  noticeDate: Date | null;
  /** Days of notice the body's charter requires, where it sets any. */
  charterNoticeDays?: number;
  /** The agenda's matters, for the competence check. */
  matters: { itemTitle: string; kind: MatterKind }[];
};

/** The convening provision a date warning cites: the notice rule where the law has one, else the body's own. */
function conveningBasis(body: BodyKind): Citation {
  return NOTICE_DAYS[body]?.basis ?? BODY_RULES[body].quorumBasis[0] ?? cite("practice");
}

/** Warnings when the meeting opens: held on another day than announced, notice too short, a matter it may not decide. */
export function checkAtOpening(facts: OpeningFacts): RuleWarning[] {
  const announced = shanghaiDate(facts.announced);
  const held = shanghaiDate(facts.openedAt);
  const warnings: RuleWarning[] = [];
  if (announced !== held) {
    warnings.push({
      code: "meeting_date_differs",
      legalBasis: citationText(conveningBasis(facts.body), held),
      message: {
        "zh-CN": `会议通知的日期为${announced}，实际召开于${held}：与通知不符，须重新通知或说明理由。`,
        en: `The notice announced the meeting for ${announced}; it was held on ${held}. Notify again or record why.`,
      },
    });
  }
  // The notice period counts to the day the meeting is actually held.
  if (facts.noticeDate !== null && shanghaiDate(facts.noticeDate) > held) {
    warnings.push({
      code: "notice_after_meeting",
      legalBasis: citationText(conveningBasis(facts.body), held),
      message: {
        "zh-CN": `通知日期${shanghaiDate(facts.noticeDate)}晚于实际召开日期${held}。`,
        en: `The notice date ${shanghaiDate(facts.noticeDate)} is after the day the meeting was held (${held}).`,
      },
    });
  } else {
    warnings.push(...checkNoticePeriod({ body: facts.body, noticeDate: facts.noticeDate, meetingDate: held, charterDays: facts.charterNoticeDays }));
  }
  for (const { itemTitle, kind } of facts.matters) {
    if (isCompetent(facts.body, kind)) continue;
    const bodyName = BODY_RULES[facts.body].name;
    const matterName = MATTER_RULES[kind].name;
    warnings.push({
      code: "body_not_competent",
      legalBasis: MATTER_RULES[kind].basis.map((c) => citationText(c, held)).join("、") || citationText(cite("practice")),
      message: {
        "zh-CN": `议题「${itemTitle}」属于${matterName["zh-CN"]}，${bodyName["zh-CN"]}无权决定；对该项开始表决将被拒绝。`,
        en: `Item “${itemTitle}” is ${matterName.en}: a ${bodyName.en} may not decide it; a vote on it will be refused.`,
      },
    });
  }
  return warnings;
}

/** The stage at which this body's vote moves a matter of this kind, if any. */
function stageDecidedBy(body: BodyKind, kind: MatterKind): MatterStage | null {
  return MATTER_STAGES.find((stage) => STAGE_INFO[stage].isVoting && deciderForStage(stage, kind).includes(body)) ?? null;
}

/**
 * A matter put to the vote before its previous stage is complete (四议两公开: 提议 → 商议 → 审议 → 决议). From
 * 2026-01-01 the VCOL itself requires the party organization's discussion first (2025 amendment, Art. 28 para 3).
 */
export function checkStageBeforeVote(input: { body: BodyKind; kind: MatterKind; stage: MatterStage; itemTitle: string; on: Date }): RuleWarning[] {
  const decides = stageDecidedBy(input.body, input.kind);
  if (decides === null || stageIndex(input.stage) >= stageIndex(decides)) return [];
  const day = shanghaiDate(input.on);
  const basis = [citationText(cite("practice"))];
  if (editionOn("VCOL", day).id === "VCOL-2025") basis.push(citationText({ law: "VCOL", article: 28, edition: "VCOL-2025" }));
  const current = STAGE_INFO[input.stage].name;
  const due = STAGE_INFO[MATTER_STAGES[stageIndex(decides) - 1] as MatterStage].name;
  return [
    {
      code: "stage_incomplete",
      legalBasis: basis.join("、"),
      message: {
        "zh-CN": `议题「${input.itemTitle}」所涉事项尚处于「${current["zh-CN"]}」阶段，「${due["zh-CN"]}」尚未完成即付表决。`,
        en: `Item “${input.itemTitle}”: its matter is still at “${current.en}”; “${due.en}” is not complete before this vote.`,
      },
    },
  ];
}
