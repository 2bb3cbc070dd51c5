import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { PHONE_PATTERN } from "../../domain/phone";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { idNumberFields } from "./personIdNumber";

export const personSchema = z.strictObject({
  orgId: z.string().min(1),
  householdId: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(40),
  phone: z.string().regex(PHONE_PATTERN, "手机号应为11位数字 (11-digit mobile number)").optional(),
  gender: z.enum(["female", "male"]),
  isAdult: z.boolean().default(true),
  isPartyMember: z.boolean().default(false),
  isCoopMember: z.boolean().default(false),
  /** 身份证号 as typed: stored only masked and keyed-hashed (personIdNumber.ts), never in full, never in the log. */
  idNumber: z.string().trim().max(30).optional(),
});

/**
 * Adds a person to an organization's register. A 身份证号 is kept only masked and keyed-hashed, as the roster import
 * keeps it; the log says only whether one was given, and the phone stays out of it.
 */
export function createPerson(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(personSchema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    if (data.householdId) {
      const household = await tx.household.findUnique({ where: { id: data.householdId }, select: { orgId: true } });
      if (household?.orgId !== data.orgId) throw new AppError("not_found", "household not found", { field: "householdId" });
    }
    const { idNumber, ...fields } = data;
    const id = idNumber ? await idNumberFields(tx, data.orgId, idNumber) : {};
    const person = await tx.person.create({ data: { ...fields, ...id, householdId: data.householdId ?? null, phone: data.phone ?? null } });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "person.created",
      object: { type: "person", id: person.id },
      data: {
        name: person.name,
        householdId: person.householdId,
        gender: person.gender,
        isAdult: person.isAdult,
        isPartyMember: person.isPartyMember,
        isCoopMember: person.isCoopMember,
        idNumberGiven: Boolean(idNumber),
      },
    });
    return { id: person.id };
  });
}
