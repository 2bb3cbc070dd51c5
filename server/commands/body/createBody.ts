import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { BODY_KINDS, charterSchema } from "../../domain/rules";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  orgId: z.string().min(1),
  kind: z.enum(BODY_KINDS),
  name: z.string().trim().min(1).max(60),
  charter: charterSchema.default({}),
});

export function createBody(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const body = await tx.body.create({ data: { orgId: data.orgId, kind: data.kind, name: data.name, charter: data.charter } });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "body.created",
      object: { type: "body", id: body.id },
      data: { kind: data.kind, name: data.name, charter: data.charter },
    });
    return { id: body.id };
  });
}
