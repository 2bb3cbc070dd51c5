import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({ personId: z.string().min(1) });

/**
 * Deletes a person's contact data: the phone and the 身份证号 (masked and hashed) go, the person leaves every roster
 * and office, and a linked account is disabled and loses its phone. The name stays, because past attendance, votes
 * and minutes name them (村务档案, VCOL 34: records are kept).
 */
export function deletePerson(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const person = await tx.person.findUnique({ where: { id: data.personId }, include: { account: { select: { id: true } } } });
    if (!person) throw new AppError("not_found", "person not found", { field: "personId" });
    const auditActor = await requireOrgRole(tx, actor, person.orgId, ["admin"]);
    if (person.deletedAt) throw new AppError("conflict", "already deleted", { field: "personId" });
    const seats = await tx.bodyMember.findMany({ where: { personId: person.id }, select: { bodyId: true } });
    await tx.bodyMember.deleteMany({ where: { personId: person.id } });
    await tx.body.updateMany({ where: { chairId: person.id }, data: { chairId: null } });
    await tx.body.updateMany({ where: { recorderId: person.id }, data: { recorderId: null } });
    await tx.person.update({ where: { id: person.id }, data: { phone: null, idNumberHash: null, idNumberMasked: null, deletedAt: new Date() } });
    if (person.account) {
      // The phone is the login and contact data: replaced by a value no login form accepts (> 20 characters).
      await tx.account.update({
        where: { id: person.account.id },
        data: { disabled: true, phone: `deleted-${person.account.id}`, passwordHash: null, tokenVersion: { increment: 1 } },
      });
      await tx.loginToken.deleteMany({ where: { accountId: person.account.id, usedAt: null } });
    }
    await appendAudit(tx, {
      orgId: person.orgId,
      actor: auditActor,
      action: "person.deleted",
      object: { type: "person", id: person.id },
      data: { name: person.name, removedFromBodies: seats.map((s) => s.bodyId), accountDisabled: person.account !== null },
    });
    return { id: person.id };
  });
}
