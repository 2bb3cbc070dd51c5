import { z } from "zod";
import { appendAudit } from "../../audit/append";
import type { JsonObject } from "../../audit/canonical";
import { requireOrgRole } from "../../auth/permissions";
import { PHONE_PATTERN } from "../../domain/phone";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { idNumberFields } from "./personIdNumber";

const schema = z.strictObject({
  personId: z.string().min(1),
  householdId: z.string().min(1).nullable().optional(),
  name: z.string().trim().min(1).max(40).optional(),
  phone: z.string().regex(PHONE_PATTERN, "手机号应为11位数字 (11-digit mobile number)").nullable().optional(),
  gender: z.enum(["female", "male"]).optional(),
  isAdult: z.boolean().optional(),
  isPartyMember: z.boolean().optional(),
  isCoopMember: z.boolean().optional(),
  /** A new 身份证号 (empty: unchanged), stored masked and keyed-hashed; the log says only that it changed. */
  idNumber: z.string().trim().max(30).optional(),
});

/**
 * Corrects a person's register entry. The log records which fields changed and their new values, except the phone:
 * only that it changed, and the same for the 身份证号 (个人信息保护法: the log is read by supervisors and exported).
 */
export function updatePerson(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const person = await tx.person.findUnique({ where: { id: data.personId } });
    if (!person) throw new AppError("not_found", "person not found", { field: "personId" });
    const auditActor = await requireOrgRole(tx, actor, person.orgId, ["admin"]);
    if (person.deletedAt) throw new AppError("conflict", "this person was deleted", { field: "personId" });
    if (data.householdId) {
      const household = await tx.household.findUnique({ where: { id: data.householdId }, select: { orgId: true } });
      if (household?.orgId !== person.orgId) throw new AppError("not_found", "household not found", { field: "householdId" });
    }
    const { personId, idNumber, ...fields } = data;
    const changed: JsonObject = {};
    const id = idNumber ? await idNumberFields(tx, person.orgId, idNumber, personId) : null;
    if (id && id.idNumberHash !== person.idNumberHash) changed.idNumberChanged = true;
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || value === person[key as keyof typeof person]) continue;
      if (key === "phone") changed.phoneChanged = true;
      else changed[key] = value as string | boolean | null;
    }
    if (Object.keys(changed).length === 0) return { id: personId };
    await tx.person.update({ where: { id: personId }, data: { ...fields, ...(id ?? {}) } });
    await appendAudit(tx, {
      orgId: person.orgId,
      actor: auditActor,
      action: "person.updated",
      object: { type: "person", id: personId },
      data: changed,
    });
    return { id: personId };
  });
}
