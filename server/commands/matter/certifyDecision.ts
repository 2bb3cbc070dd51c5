/**
 * 决议凭证 (issue #23): a passed decision on a matter gets a short ID and a `decision.certified` audit entry that
 * states everything its certificate shows — organization, body, meeting, matter, motion, tally and the rule applied.
 * Called in the transaction that announces the vote (announceResult) or, for a vote announced before its matter was
 * entered, in the one that records it on the matter (linkDecisionVote). The certificate is checked against these
 * bytes (server/audit/certificate.ts, verify.mjs --certificate); the amount cap comes later from the plan's entry.
 */
import type { AuditActor } from "../../audit/append";
import { appendAudit } from "../../audit/append";
import type { JsonObject } from "../../audit/canonical";
import { AppError } from "../../errors";
import { chinaDateInput } from "../../time";
import { newShortCode } from "../meeting/shortCode";
import type { Tx } from "../run";

type Localized = { "zh-CN": string; en: string };
type StoredResult = { passed?: boolean; tally?: { yes: number; no: number; abstain: number }; yesRequired?: number; legalBasis?: unknown };

/** Issues the certificate once: returns the decision's short ID (the existing one when already certified). */
export async function certifyDecision(tx: Tx, input: { matterId: string; motionId: string; actor: AuditActor; now: Date }): Promise<string> {
  const motion = await tx.motion.findUnique({
    where: { id: input.motionId },
    select: {
      id: true,
      text: true,
      matterKind: true,
      result: true,
      rule: true,
      decisionCode: true,
      announcedAt: true,
      meeting: { select: { id: true, orgId: true, number: true, title: true, startsAt: true, body: { select: { name: true, kind: true } } } },
    },
  });
  if (!motion) throw new AppError("not_found", "motion not found", { field: "motionId" });
  if (motion.decisionCode) return motion.decisionCode;
  const result = (motion.result ?? {}) as StoredResult;
  if (result.passed !== true || !result.tally) throw new AppError("conflict", "only a passed vote is certified", { field: "motionId" });
  const [org, matter] = await Promise.all([
    tx.organization.findUnique({ where: { id: motion.meeting.orgId }, select: { name: true } }),
    tx.matter.findUnique({ where: { id: input.matterId }, select: { title: true, kind: true } }),
  ]);
  if (!org || !matter) throw new AppError("not_found", "the decision's organization or matter is gone");
  const rule = motion.rule as { yesRequired?: number; sentence?: Localized } | null;
  let code = newShortCode();
  // 40 random bits: a clash is unlikely, but both columns are unique, so look before using it.
  while (
    (await tx.motion.findUnique({ where: { decisionCode: code }, select: { id: true } })) ||
    (await tx.implementationPlan.findUnique({ where: { decisionCode: code }, select: { id: true } }))
  ) {
    code = newShortCode();
  }
  await tx.motion.update({ where: { id: motion.id }, data: { decisionCode: code } });
  const data: JsonObject = {
    code,
    org: { id: motion.meeting.orgId, name: org.name },
    body: { name: motion.meeting.body.name, kind: motion.meeting.body.kind },
    meeting: { id: motion.meeting.id, number: motion.meeting.number, title: motion.meeting.title, date: chinaDateInput(motion.meeting.startsAt) },
    matter: { id: input.matterId, title: matter.title, kind: matter.kind },
    motion: motion.text,
    vote: { passed: true, yes: result.tally.yes, no: result.tally.no, abstain: result.tally.abstain },
    rule: {
      body: motion.meeting.body.kind,
      kind: motion.matterKind,
      needed: result.yesRequired ?? rule?.yesRequired ?? 0,
      ...(rule?.sentence ? { sentence: { "zh-CN": rule.sentence["zh-CN"], en: rule.sentence.en } } : {}),
    },
    decidedOn: chinaDateInput(motion.announcedAt ?? input.now),
  };
  await appendAudit(tx, {
    orgId: motion.meeting.orgId,
    meetingId: motion.meeting.id,
    actor: input.actor,
    action: "decision.certified",
    object: { type: "motion", id: motion.id },
    data,
    now: input.now,
  });
  return code;
}
