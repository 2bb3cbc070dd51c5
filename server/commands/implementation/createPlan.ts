import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { parseYuan } from "../../domain/implementation/progress";
import { AppError } from "../../errors";
import { chinaDateInput } from "../../time";
import type { Actor } from "../actor";
import { newShortCode } from "../meeting/shortCode";
import { runCommand } from "../run";
import { implementationContext, PLANNABLE_STAGES } from "./planAccess";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const schema = z.strictObject({
  matterId: z.string().min(1).max(64),
  responsibleId: z.string().min(1).max(64),
  /** The amount the decision set, in yuan as written (`500,000`); empty where it set none. */
  cap: z.string().max(40).optional(),
  startsOn: date,
  endsOn: date,
  siteLat: z.number().min(-90).max(90).optional(),
  siteLon: z.number().min(-180).max(180).optional(),
  milestones: z
    .array(z.strictObject({ title: z.string().max(400), dueOn: date }))
    .min(1)
    .max(30),
});

export type CreatedPlan = { planId: string; orgId: string; matterId: string; decisionCode: string; stage: string };

const isDate = (value: string) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * S6 组织实施 (RULES.md §4, issue #23): the plan that carries out a matter's passed decision — who is responsible,
 * the milestones with their dates, the period (photos are checked against it) and the amount decided as a cap. It
 * gives the decision its short ID (cited by payments and printed on the certificate). A matter still in its
 * decision notice period stays there; one already past it moves to S6 with the plan. One plan per matter.
 */
export async function createPlan(input: unknown, actor: Actor, now: Date = new Date()): Promise<CreatedPlan> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const { auditActor, matter, decision } = await implementationContext(tx, actor, data.matterId);
    if (!(PLANNABLE_STAGES as readonly string[]).includes(matter.stage)) {
      throw new AppError("conflict", `a matter at stage ${matter.stage} takes no implementation plan`, {
        field: "matterId",
        details: { reason: "stage", stage: matter.stage },
      });
    }
    if (await tx.implementationPlan.findUnique({ where: { matterId: matter.id }, select: { id: true } })) {
      throw new AppError("conflict", "the matter already has a plan", { field: "matterId", details: { reason: "already_planned" } });
    }
    for (const [field, value] of [
      ["startsOn", data.startsOn],
      ["endsOn", data.endsOn],
      ...data.milestones.map((m, i) => [`milestones.${i}.dueOn`, m.dueOn]),
    ] as const) {
      if (!isDate(value)) throw new AppError("invalid_input", "no such date", { field, details: { reason: "date" } });
    }
    if (data.endsOn < data.startsOn)
      throw new AppError("invalid_input", "the period ends before it starts", { field: "endsOn", details: { reason: "period_order" } });
    const milestones = data.milestones.map((m, i) => ({ title: m.title.trim(), dueOn: m.dueOn, index: i }));
    for (const m of milestones) {
      if (m.title === "")
        throw new AppError("invalid_input", "a milestone needs a title", { field: `milestones.${m.index}.title`, details: { reason: "empty" } });
      if (m.dueOn < data.startsOn || m.dueOn > data.endsOn)
        throw new AppError("invalid_input", "a milestone is due outside the period", {
          field: `milestones.${m.index}.dueOn`,
          details: { reason: "outside_period" },
        });
    }
    milestones.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.index - b.index));
    const capText = data.cap?.trim() ?? "";
    const capFen = capText === "" ? null : parseYuan(capText);
    if (capText !== "" && (capFen === null || capFen === 0n))
      throw new AppError("invalid_input", "not an amount in yuan", { field: "cap", details: { reason: "amount" } });
    if ((data.siteLat === undefined) !== (data.siteLon === undefined))
      throw new AppError("invalid_input", "a site needs both latitude and longitude", { field: "siteLat", details: { reason: "site" } });
    const responsible = await tx.person.findUnique({ where: { id: data.responsibleId }, select: { orgId: true, name: true } });
    if (!responsible || responsible.orgId !== matter.orgId)
      throw new AppError("invalid_input", "the responsible person is not of this organization", { field: "responsibleId", details: { reason: "person" } });

    // The decision's short ID: the one its certificate carries since the announcement (issue #23), else a new one.
    const announced = await tx.motion.findUnique({ where: { id: decision.motion.id }, select: { decisionCode: true } });
    const plan = await tx.implementationPlan.create({
      data: {
        orgId: matter.orgId,
        matterId: matter.id,
        motionId: decision.motion.id,
        decisionCode: announced?.decisionCode ?? newShortCode(),
        responsibleId: data.responsibleId,
        capFen,
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        siteLat: data.siteLat ?? null,
        siteLon: data.siteLon ?? null,
        createdBy: actor.kind === "account" ? actor.accountId : "system",
        milestones: { create: milestones.map((m, position) => ({ orgId: matter.orgId, position, title: m.title, dueOn: m.dueOn })) },
      },
      select: { id: true, decisionCode: true },
    });
    let stage = matter.stage;
    if (matter.stage === "decision_disclosure") {
      const notice = await tx.notice.findFirst({ where: { matterId: matter.id, kind: "decision" }, orderBy: { postedAt: "desc" }, select: { endsAt: true } });
      // The decision's notice period must run its course before the work starts (RULES.md §4 S5 → S6).
      if (notice && notice.endsAt <= now) {
        await tx.matter.update({ where: { id: matter.id }, data: { stage: "implementation" } });
        await tx.matterEvent.create({
          data: {
            matterId: matter.id,
            fromStage: "decision_disclosure",
            toStage: "implementation",
            reason: `实施计划（${plan.decisionCode}）`,
            actorId: actor.kind === "account" ? actor.accountId : null,
          },
        });
        await appendAudit(tx, {
          orgId: matter.orgId,
          actor: auditActor,
          action: "matter.moved",
          object: { type: "matter", id: matter.id },
          data: { from: "decision_disclosure", to: "implementation", planId: plan.id, manual: false },
        });
        stage = "implementation";
      }
    }
    await appendAudit(tx, {
      orgId: matter.orgId,
      actor: auditActor,
      action: "implementation.planned",
      object: { type: "implementation", id: plan.id },
      data: {
        matterId: matter.id,
        motionId: decision.motion.id,
        decisionCode: plan.decisionCode,
        responsible: { id: data.responsibleId, name: responsible.name },
        capFen: capFen === null ? null : capFen.toString(),
        period: { startsOn: data.startsOn, endsOn: data.endsOn },
        site: data.siteLat === undefined ? null : { lat: String(data.siteLat), lon: String(data.siteLon) },
        milestones: milestones.map((m) => ({ title: m.title, dueOn: m.dueOn })),
        plannedOn: chinaDateInput(now),
      },
    });
    return { planId: plan.id, orgId: matter.orgId, matterId: matter.id, decisionCode: plan.decisionCode, stage };
  });
}
