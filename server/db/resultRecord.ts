/**
 * The implementation record of a matter as the result notice reads it (server/domain/implementation/resultText.ts):
 * a loader shared by the command that publishes the notice and the query that previews it.
 */

import type { Prisma } from "../../generated/prisma/client";
import type { ResultRecord } from "../domain/implementation/resultText";

type Tx = Prisma.TransactionClient;

export async function loadResultRecord(tx: Tx, matterId: string): Promise<ResultRecord | null> {
  const plan = await tx.implementationPlan.findUnique({
    where: { matterId },
    select: {
      id: true,
      decisionCode: true,
      responsibleId: true,
      startsOn: true,
      endsOn: true,
      capFen: true,
      milestones: { orderBy: { position: "asc" }, select: { title: true, dueOn: true, doneOn: true } },
      updates: { orderBy: { createdAt: "asc" }, select: { reportedOn: true, text: true, spentFen: true, files: { select: { kind: true } } } },
    },
  });
  if (!plan) return null;
  const responsible = await tx.person.findUnique({ where: { id: plan.responsibleId }, select: { name: true } });
  const payments = await tx.payment.findMany({ where: { planId: plan.id }, select: { amountFen: true, flags: true } });
  return {
    decisionCode: plan.decisionCode,
    responsibleName: responsible?.name ?? "",
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    capFen: plan.capFen,
    milestones: plan.milestones,
    updates: plan.updates.map((u) => ({
      reportedOn: u.reportedOn,
      text: u.text,
      spentFen: u.spentFen,
      photos: u.files.filter((f) => f.kind === "photo").length,
      documents: u.files.filter((f) => f.kind !== "photo").length,
    })),
    payments: {
      count: payments.length,
      totalFen: payments.reduce((sum, p) => sum + p.amountFen, 0n),
      flagged: payments.filter((p) => p.flags.length > 0).length,
    },
  };
}
