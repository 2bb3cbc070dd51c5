import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";
import { requireNotStarted } from "./meetingChecks";

const schema = z.strictObject({ materialId: z.string().min(1) });

/** Removes a material uploaded by mistake, before the meeting opens; afterwards it is part of the record. */
export function removeMaterial(input: unknown, actor: Actor): Promise<{ id: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const material = await tx.material.findUnique({
      where: { id: data.materialId },
      select: { id: true, meetingId: true, filename: true, sha256: true, meeting: { select: { orgId: true, state: true } } },
    });
    if (!material) throw new AppError("not_found", "material not found", { field: "materialId" });
    const auditActor = await requireOrgRole(tx, actor, material.meeting.orgId, ["admin"]);
    requireNotStarted(material.meeting.state);
    await tx.material.delete({ where: { id: material.id } });
    await appendAudit(tx, {
      orgId: material.meeting.orgId,
      meetingId: material.meetingId,
      actor: auditActor,
      action: "material.removed",
      object: { type: "material", id: material.id },
      data: { filename: material.filename, sha256: material.sha256 },
    });
    return { id: material.id };
  });
}
