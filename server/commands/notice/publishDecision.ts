import { z } from "zod";
import { findDecision } from "../../db/load/decisionRecord";
import { assertMatterStage } from "../../domain/matter";
import type { BodyKind } from "../../domain/rules";
import { AppError } from "../../errors";
import { assertPeriodDays } from "../../notice/period";
import { NOTICE_BODY_MAX, requireText, TITLE_MAX } from "../../notice/text";
import { voteSummaryOf } from "../../notice/voteSummary";
import type { Actor } from "../actor";
import { moveMatterOnVote } from "../matter/moveMatterOnVote";
import { runCommand } from "../run";
import { lockMatter, requirePublisher } from "./publisher";
import { type WrittenNotice, writeNotice } from "./writeNotice";

const schema = z.strictObject({
  matterId: z.string().min(1).max(64),
  /** Default: the matter's title. */
  title: z
    .string()
    .max(TITLE_MAX * 4)
    .optional(),
  /** Default: the motion's text as it was voted. */
  body: z
    .string()
    .max(NOTICE_BODY_MAX * 4)
    .optional(),
  /** Default: the organization's notice period (Organization.noticeDays). */
  periodDays: z.number().int().optional(),
});

export type Published = WrittenNotice & { stage: string };

/**
 * 决议公开 (RULES.md §4 S5; VCOL 30: major matters are disclosed at once). Publishes the matter's passed decision
 * with its vote result filled in from the record, and moves the matter from S4 to S5 on that vote. A matter the
 * vote has already moved to S5 (the live meeting's announcement does that once it is wired to the pipeline) is
 * published where it stands. One decision notice per matter: later changes are corrections (correctNotice).
 *
 * `now` is a plain argument for tests (a notice posted in the past); HTTP never passes it.
 */
export async function publishDecision(input: unknown, actor: Actor, now: Date = new Date()): Promise<Published> {
  const published = await runCommand(schema, input, actor, async (tx, data) => {
    await lockMatter(tx, data.matterId);
    const matter = await tx.matter.findUnique({
      where: { id: data.matterId },
      select: { id: true, orgId: true, title: true, kind: true, stage: true, org: { select: { noticeDays: true } } },
    });
    if (!matter) throw new AppError("not_found", "matter not found", { field: "matterId" });
    assertMatterStage(matter.stage);
    const decision = await findDecision(tx, matter);
    const auditActor = await requirePublisher(tx, actor, matter.orgId, decision?.body.id ?? null);
    if (matter.stage !== "decision" && matter.stage !== "decision_disclosure") {
      throw new AppError("conflict", `a matter at stage ${matter.stage} has no decision to publish`, {
        field: "matterId",
        details: { reason: "stage", stage: matter.stage },
      });
    }
    if (!decision) throw new AppError("conflict", "the matter has no passed decision on record", { field: "matterId", details: { reason: "no_decision" } });
    if ((await tx.notice.count({ where: { matterId: matter.id, kind: "decision" } })) > 0) {
      throw new AppError("conflict", "the decision is already published; publish a correction instead", {
        field: "matterId",
        details: { reason: "already_published" },
      });
    }
    const periodDays = data.periodDays ?? matter.org.noticeDays;
    assertPeriodDays(periodDays);
    const notice = await writeNotice(tx, auditActor, {
      orgId: matter.orgId,
      matterId: matter.id,
      kind: "decision",
      title: requireText(data.title ?? matter.title, "title", TITLE_MAX, { noPersonalNumbers: true }),
      body: requireText(data.body ?? decision.motion.text, "body", NOTICE_BODY_MAX, { noPersonalNumbers: true }),
      voteSummary: voteSummaryOf(decision),
      motionId: decision.motion.id,
      periodDays,
      postedAt: now,
    });
    let stage: string = matter.stage;
    if (matter.stage === "decision") {
      // The move S4 → S5 is the decision vote's own effect (RULES.md §4), recorded with its meeting and motion.
      const moved = await moveMatterOnVote(tx, {
        matterId: matter.id,
        meetingId: decision.meeting.id,
        motionId: decision.motion.id,
        bodyKind: decision.body.kind as BodyKind,
        passed: true,
        quorumMet: true,
        actor: auditActor,
      });
      if (!moved.recorded || moved.to !== "decision_disclosure")
        throw new AppError("conflict", "the matter could not move to decision disclosure", { field: "matterId" });
      stage = moved.to;
    }
    return { ...notice, stage };
  });
  return published;
}
