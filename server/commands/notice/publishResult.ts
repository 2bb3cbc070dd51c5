import { z } from "zod";
import { findDecision } from "../../db/load/decisionRecord";
import { loadResultRecord } from "../../db/resultRecord";
import { resultNoticeText } from "../../domain/implementation/resultText";
import { assertMatterStage } from "../../domain/matter";
import { AppError } from "../../errors";
import { assertPeriodDays } from "../../notice/period";
import { NOTICE_BODY_MAX, requireText, TITLE_MAX } from "../../notice/text";
import { chinaDateInput } from "../../time";
import type { Actor } from "../actor";
import { recordMatterMove } from "../matter/recordMatterMove";
import { runCommand } from "../run";
import type { Published } from "./publishDecision";
import { lockMatter, requirePublisher } from "./publisher";
import { writeNotice } from "./writeNotice";

const schema = z.strictObject({
  matterId: z.string().min(1).max(64),
  /** Default: the matter's title. */
  title: z
    .string()
    .max(TITLE_MAX * 4)
    .optional(),
  /**
   * What was done: contracts signed, money spent, work finished. Omitted: built from the implementation record
   * (issue #23); required where the matter has no implementation plan (nothing on record says it).
   */
  body: z
    .string()
    .max(NOTICE_BODY_MAX * 4)
    .optional(),
  periodDays: z.number().int().optional(),
});

/**
 * 实施结果公开 (RULES.md §4 S7). Publishes what was done to carry out the decision and moves the matter from S6
 * (implementation) to S7. A matter already moved to S7 by hand is published where it stands. Admins and the chair
 * of the body that decided the matter may publish; one result notice per matter, later changes are corrections.
 */
export async function publishResult(input: unknown, actor: Actor, now: Date = new Date()): Promise<Published> {
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
    if (matter.stage !== "implementation" && matter.stage !== "result_disclosure") {
      throw new AppError("conflict", `a matter at stage ${matter.stage} has no implementation result to publish`, {
        field: "matterId",
        details: { reason: "stage", stage: matter.stage },
      });
    }
    if ((await tx.notice.count({ where: { matterId: matter.id, kind: "result" } })) > 0) {
      throw new AppError("conflict", "the result is already published; publish a correction instead", {
        field: "matterId",
        details: { reason: "already_published" },
      });
    }
    const record = data.body === undefined || data.body.trim() === "" ? await loadResultRecord(tx, matter.id) : null;
    const body = record ? resultNoticeText(record, chinaDateInput(now), NOTICE_BODY_MAX) : (data.body ?? "");
    const periodDays = data.periodDays ?? matter.org.noticeDays;
    assertPeriodDays(periodDays);
    const notice = await writeNotice(tx, auditActor, {
      orgId: matter.orgId,
      matterId: matter.id,
      kind: "result",
      title: requireText(data.title ?? matter.title, "title", TITLE_MAX, { noPersonalNumbers: true }),
      body: requireText(body, "body", NOTICE_BODY_MAX, { noPersonalNumbers: true }),
      voteSummary: null,
      motionId: decision?.motion.id ?? null,
      periodDays,
      postedAt: now,
    });
    if (matter.stage === "implementation") {
      // No vote moves S6 → S7: the publication itself does, recorded as the matter's next step (RULES.md §4).
      await recordMatterMove(tx, {
        matter,
        from: "implementation",
        to: "result_disclosure",
        reason: `实施结果公示（公告 ${notice.id}）`,
        actor: auditActor,
        actorId: actor.kind === "account" ? actor.accountId : null,
        audit: { data: { noticeId: notice.id, manual: false } },
      });
    }
    return { ...notice, stage: "result_disclosure" };
  });
  return published;
}
