import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  bodyId: z.string().min(1),
  members: z.array(z.strictObject({ personId: z.string().min(1), seat: z.enum(["member", "representative", "committee"]).default("member") })).max(5_000),
});

/** Replaces a body's roster (who has a vote) as a whole; the log keeps the full list each time. */
export function setRoster(input: unknown, actor: Actor): Promise<{ size: number }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const body = await tx.body.findUnique({ where: { id: data.bodyId }, select: { orgId: true } });
    if (!body) throw new AppError("not_found", "body not found", { field: "bodyId" });
    const auditActor = await requireOrgRole(tx, actor, body.orgId, ["admin"]);
    const ids = [...new Set(data.members.map((m) => m.personId))];
    if (ids.length !== data.members.length) throw new AppError("invalid_input", "a person is listed twice", { field: "members" });
    const found = await tx.person.count({ where: { id: { in: ids }, orgId: body.orgId, deletedAt: null } });
    if (found !== ids.length) throw new AppError("not_found", "a person is not in this organization", { field: "members" });
    await tx.bodyMember.deleteMany({ where: { bodyId: data.bodyId } });
    await tx.bodyMember.createMany({ data: data.members.map((m) => ({ bodyId: data.bodyId, personId: m.personId, seat: m.seat })) });
    await appendAudit(tx, {
      orgId: body.orgId,
      actor: auditActor,
      action: "roster.updated",
      object: { type: "body", id: data.bodyId },
      data: { members: data.members.map((m) => ({ personId: m.personId, seat: m.seat })) },
    });
    return { size: data.members.length };
  });
}
