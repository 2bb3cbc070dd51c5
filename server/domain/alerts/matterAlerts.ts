/**
 * Alerts about matters (issue #20 item 4): a stage skipped, a decision not disclosed (or late), a 公示 cut short or
 * shorter than the township accepts, an objection not answered, an implementation result not disclosed. Pure.
 */
import { type MatterStage, STAGE_INFO, stageIndex } from "../matter/stages";
import { citationText, cite, shanghaiDate } from "../rules";
import type { DecisionFact, ImplementationFact, NoticeFact, ObjectionFact, StageJumpFact } from "./facts";
import { joinBasis, vcolText } from "./law";
import { type AlertClock, addDays, daysBetween, makeAlert } from "./make";
import type { Alert, AlertSettings } from "./types";

const matterPage = (_orgId: string, matterId: string) => ({ href: `/matters/${matterId}`, label: { "zh-CN": "事项页", en: "the matter page" } });
const noticePage = (orgId: string, noticeId: string) => ({ href: `/n/${orgId}/${noticeId}`, label: { "zh-CN": "公告页", en: "the notice page" } });

function stageName(stage: string): { "zh-CN": string; en: string } {
  const info = STAGE_INFO[stage as MatterStage];
  return info ? { "zh-CN": `${info.code} ${info.name["zh-CN"]}`, en: `${info.code} ${info.name.en}` } : { "zh-CN": stage, en: stage };
}

/** The stages a forward jump left out, in order. */
function skipped(from: string, to: string): string[] {
  const stages = Object.keys(STAGE_INFO) as MatterStage[];
  return stages.slice(stageIndex(from as MatterStage) + 1, stageIndex(to as MatterStage));
}

/**
 * A forward move by more than one stage. With a reason on the record (e.g. 提议、商议、审议 held on paper before
 * the village used Yishi, linkDecisionVote), it is green: noted, explained. Without one, the stages were skipped.
 */
function stageJump(orgId: string, jump: StageJumpFact): Alert {
  const left = skipped(jump.from, jump.to).map(stageName);
  const listZh = left.map((s) => s["zh-CN"]).join("、");
  const listEn = left.map((s) => s.en).join(", ");
  const from = stageName(jump.from);
  const to = stageName(jump.to);
  const basis = [citationText(cite("practice"))];
  if (shanghaiDate(jump.at) >= "2026-01-01") basis.push(citationText({ law: "VCOL", article: 28, edition: "VCOL-2025" }));
  const rule = { "zh-CN": "“四议两公开”须依次进行，不得跳过阶段", en: "The four deliberations and two disclosures follow in order; no stage is skipped" };
  const explained = jump.reason !== null && jump.reason.trim() !== "";
  return makeAlert({
    level: explained ? "green" : "red",
    scope: "matter",
    code: explained ? "stages_off_record" : "stage_skipped",
    message: explained
      ? {
          "zh-CN": `事项「${jump.matter.title}」由「${from["zh-CN"]}」直接进入「${to["zh-CN"]}」，${listZh}未在系统中记录；记录的理由：${jump.reason}`,
          en: `Matter “${jump.matter.title}” went from “${from.en}” straight to “${to.en}”; ${listEn} are not recorded in Yishi. Reason on record: ${jump.reason}`,
        }
      : {
          "zh-CN": `事项「${jump.matter.title}」由「${from["zh-CN"]}」直接进入「${to["zh-CN"]}」，跳过了${listZh}，且无记录的理由。`,
          en: `Matter “${jump.matter.title}” went from “${from.en}” straight to “${to.en}”, skipping ${listEn}, with no reason on record.`,
        },
    rule,
    legalBasis: joinBasis(basis),
    evidence: matterPage(orgId, jump.matter.id),
    subject: { orgId, matterId: jump.matter.id, ...(jump.meetingId ? { meetingId: jump.meetingId } : {}) },
    occurredAt: jump.at,
  });
}

function decisionDisclosure(orgId: string, fact: DecisionFact, settings: AlertSettings, clock: AlertClock): Alert[] {
  const n = settings.decisionDisclosureWithinDays;
  const due = addDays(fact.decidedAt, n);
  const rule = {
    "zh-CN": `决议须在作出后${n}日内公开（镇街设定；法律要求随时公布）`,
    en: `A decision is disclosed within ${n} days (the township's setting; the law says at once)`,
  };
  const legalBasis = joinBasis([vcolText("disclosure", fact.decidedAt), vcolText("lateDisclosure", fact.decidedAt)]);
  if (fact.noticePostedAt === null) {
    if (!clock.reached(due)) return [];
    return [
      makeAlert({
        level: "red",
        scope: "matter",
        code: "decision_not_disclosed",
        message: {
          "zh-CN": `事项「${fact.matter.title}」已于${shanghaiDate(fact.decidedAt)}作出决议，应于${shanghaiDate(due)}前公开，至今未公开。`,
          en: `Matter “${fact.matter.title}” was decided on ${shanghaiDate(fact.decidedAt)}; its decision was due to be disclosed by ${shanghaiDate(due)} and still is not.`,
        },
        rule,
        legalBasis,
        evidence: matterPage(orgId, fact.matter.id),
        subject: { orgId, matterId: fact.matter.id, motionId: fact.motionId },
        occurredAt: fact.decidedAt,
        dueAt: due,
      }),
    ];
  }
  if (fact.noticePostedAt.getTime() < due.getTime()) return [];
  return [
    makeAlert({
      level: "yellow",
      scope: "matter",
      code: "decision_disclosed_late",
      message: {
        "zh-CN": `事项「${fact.matter.title}」于${shanghaiDate(fact.decidedAt)}作出决议，${shanghaiDate(fact.noticePostedAt)}才公开（${daysBetween(fact.decidedAt, fact.noticePostedAt)}天后）。`,
        en: `Matter “${fact.matter.title}” was decided on ${shanghaiDate(fact.decidedAt)} and disclosed only on ${shanghaiDate(fact.noticePostedAt)} (${daysBetween(fact.decidedAt, fact.noticePostedAt)} days later).`,
      },
      rule,
      legalBasis,
      evidence: fact.noticeId ? noticePage(orgId, fact.noticeId) : matterPage(orgId, fact.matter.id),
      subject: { orgId, matterId: fact.matter.id, motionId: fact.motionId, ...(fact.noticeId ? { noticeId: fact.noticeId } : {}) },
      occurredAt: fact.noticePostedAt,
      dueAt: due,
    }),
  ];
}

function noticePeriod(orgId: string, fact: NoticeFact, settings: AlertSettings): Alert[] {
  const alerts: Alert[] = [];
  const kindWords = fact.kind === "decision" ? { "zh-CN": "决议公示", en: "decision notice" } : { "zh-CN": "实施结果公示", en: "result notice" };
  const legalBasis = joinBasis([vcolText("disclosure", fact.postedAt), vcolText("supervision", fact.postedAt)]);
  const subject = { orgId, matterId: fact.matter.id, noticeId: fact.noticeId };
  if (fact.periodDays < settings.minNoticePeriodDays) {
    alerts.push(
      makeAlert({
        level: "yellow",
        scope: "matter",
        code: "notice_period_too_short",
        message: {
          "zh-CN": `「${fact.title}」的${kindWords["zh-CN"]}期只有${fact.periodDays}天，少于镇街要求的${settings.minNoticePeriodDays}天。`,
          en: `The ${kindWords.en} “${fact.title}” runs only ${fact.periodDays} days, shorter than the township's ${settings.minNoticePeriodDays} days.`,
        },
        rule: {
          "zh-CN": `公示期不少于${settings.minNoticePeriodDays}天（镇街设定）`,
          en: `A notice runs at least ${settings.minNoticePeriodDays} days (the township's setting)`,
        },
        legalBasis,
        evidence: noticePage(orgId, fact.noticeId),
        subject,
        occurredAt: fact.postedAt,
      }),
    );
  }
  if (fact.movedOnAt !== null && fact.movedOnAt.getTime() < fact.endsAt.getTime()) {
    alerts.push(
      makeAlert({
        level: "red",
        scope: "matter",
        code: "notice_period_cut_short",
        message: {
          "zh-CN": `「${fact.title}」的${kindWords["zh-CN"]}应至${shanghaiDate(fact.endsAt)}期满，事项却于${shanghaiDate(fact.movedOnAt)}进入下一阶段：公示期被缩短，村民提出异议的时间不足。`,
          en: `The ${kindWords.en} “${fact.title}” ran until ${shanghaiDate(fact.endsAt)}, but the matter moved on on ${shanghaiDate(fact.movedOnAt)}: the notice period was cut short and residents had less time to object.`,
        },
        rule: {
          "zh-CN": "公示期满、异议处理完毕后方可组织实施",
          en: "Implementation starts only after the notice period has ended and objections are dealt with",
        },
        legalBasis,
        evidence: noticePage(orgId, fact.noticeId),
        subject,
        occurredAt: fact.movedOnAt,
        dueAt: fact.endsAt,
      }),
    );
  }
  return alerts;
}

function objectionUnanswered(orgId: string, fact: ObjectionFact, settings: AlertSettings, clock: AlertClock): Alert[] {
  const n = settings.objectionAnswerDays;
  const due = addDays(fact.noticeEndsAt, n);
  if (!clock.reached(due)) return [];
  return [
    makeAlert({
      level: "red",
      scope: "matter",
      code: "objection_unanswered",
      message: {
        "zh-CN": `事项「${fact.matter.title}」公示期间于${shanghaiDate(fact.createdAt)}收到的异议，至今未答复（应于${shanghaiDate(due)}前答复）。`,
        en: `An objection to matter “${fact.matter.title}” filed on ${shanghaiDate(fact.createdAt)} is still unanswered (due by ${shanghaiDate(due)}).`,
      },
      rule: {
        "zh-CN": `异议须在公示期满后${n}日内答复（镇街设定）`,
        en: `An objection is answered within ${n} days after the notice period ends (the township's setting)`,
      },
      legalBasis: joinBasis([vcolText("supervision", fact.createdAt), vcolText("disclosure", fact.createdAt)]),
      evidence: noticePage(orgId, fact.noticeId),
      subject: { orgId, matterId: fact.matter.id, noticeId: fact.noticeId, objectionId: fact.objectionId },
      occurredAt: fact.createdAt,
      dueAt: due,
    }),
  ];
}

function resultNotDisclosed(orgId: string, fact: ImplementationFact, settings: AlertSettings, clock: AlertClock): Alert[] {
  const n = settings.resultDisclosureWithinDays;
  const rule = {
    "zh-CN": `实施结果须公开；实施后${n}日内（镇街设定）`,
    en: `The implementation result is disclosed, within ${n} days of implementation starting (the township's setting)`,
  };
  const since = fact.implementationSince;
  // A closed matter with no recorded start of implementation: the rule's edition in force when it was computed.
  const on = since ?? clock.now;
  const legalBasis = joinBasis([vcolText("disclosure", on), citationText(cite("practice"))]);
  if (fact.stage === "implementation") {
    if (since === null || !clock.reached(addDays(since, n))) return [];
    return [
      makeAlert({
        level: "yellow",
        scope: "matter",
        code: "result_not_disclosed",
        message: {
          "zh-CN": `事项「${fact.matter.title}」自${shanghaiDate(since)}组织实施，实施结果应于${shanghaiDate(addDays(since, n))}前公开，尚未公开。`,
          en: `Matter “${fact.matter.title}” has been in implementation since ${shanghaiDate(since)}; its result was due to be disclosed by ${shanghaiDate(addDays(since, n))} and is not.`,
        },
        rule,
        legalBasis,
        evidence: matterPage(orgId, fact.matter.id),
        subject: { orgId, matterId: fact.matter.id },
        occurredAt: since,
        dueAt: addDays(since, n),
      }),
    ];
  }
  return [
    makeAlert({
      level: "red",
      scope: "matter",
      code: "result_not_disclosed",
      message: {
        "zh-CN": `事项「${fact.matter.title}」已办结，但实施结果从未公开。`,
        en: `Matter “${fact.matter.title}” is closed, but its implementation result was never disclosed.`,
      },
      rule,
      legalBasis,
      evidence: matterPage(orgId, fact.matter.id),
      subject: { orgId, matterId: fact.matter.id },
      occurredAt: on,
    }),
  ];
}

export type MatterAlertFacts = {
  decisions: readonly DecisionFact[];
  notices: readonly NoticeFact[];
  objections: readonly ObjectionFact[];
  stageJumps: readonly StageJumpFact[];
  implementations: readonly ImplementationFact[];
};

export function matterAlerts(orgId: string, facts: MatterAlertFacts, settings: AlertSettings, clock: AlertClock): Alert[] {
  return [
    ...facts.stageJumps.filter((j) => isForwardJump(j.from, j.to)).map((j) => stageJump(orgId, j)),
    ...facts.decisions.flatMap((d) => decisionDisclosure(orgId, d, settings, clock)),
    ...facts.notices.flatMap((n) => noticePeriod(orgId, n, settings)),
    ...facts.objections.flatMap((o) => objectionUnanswered(orgId, o, settings, clock)),
    ...facts.implementations.flatMap((i) => resultNotDisclosed(orgId, i, settings, clock)),
  ];
}

/**
 * A move forward past a stage that was never on record. Moves to a closed stage (withdrawn, rejected) and moves
 * back are the pipeline's own and never a skip.
 */
export function isForwardJump(from: string, to: string): boolean {
  const f = STAGE_INFO[from as MatterStage];
  const t = STAGE_INFO[to as MatterStage];
  if (!f || !t || f.isTerminal) return false;
  if (to === "closed_rejected" || to === "closed_withdrawn") return false;
  return stageIndex(to as MatterStage) > stageIndex(from as MatterStage) + 1;
}

/** Every (from, to) pair that is a forward jump, for an indexed query of the recorded moves. */
export function forwardJumps(): { fromStage: string; toStage: string }[] {
  const stages = Object.keys(STAGE_INFO);
  return stages.flatMap((from) => stages.filter((to) => isForwardJump(from, to)).map((to) => ({ fromStage: from, toStage: to })));
}
