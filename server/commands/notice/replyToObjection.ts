import { z } from "zod";
import type { AuditActor } from "../../audit/append";
import { appendAudit } from "../../audit/append";
import { orgRolesOf, requireOrgRole, requireTownshipRoleOver } from "../../auth/permissions";
import { AppError } from "../../errors";
import { REPLY_MAX, requireText } from "../../notice/text";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  objectionId: z.string().min(1).max(64),
  text: z.string().max(REPLY_MAX * 8),
});

/**
 * 监督委员会答复 (VCOL 32: the supervision committee oversees 村务公开). A supervisor of the notice's organization
 * answers an objection once; the reply is published under the notice. It is an official public statement, so it is
 * logged in full and may not contain phone or ID numbers. A published reply is never edited.
 *
 * The 镇街监督 of the township above (issue #20) may answer as well; the reply is marked as the township's (shown as
 * 镇街监督意见) and its entry is in the village's log. Another township's staff are refused.
 */
export async function replyToObjection(input: unknown, actor: Actor, now: Date = new Date()): Promise<{ id: string; noticeId: string; orgId: string }> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const objection = await tx.objection.findUnique({
      where: { id: data.objectionId },
      select: { id: true, noticeId: true, reply: true, notice: { select: { orgId: true } } },
    });
    if (!objection) throw new AppError("not_found", "objection not found", { field: "objectionId" });
    const orgId = objection.notice.orgId;
    const ownSupervisor = actor.kind === "system" || (await orgRolesOf(tx, actor.accountId, orgId)).includes("supervisor");
    const auditActor: AuditActor = ownSupervisor
      ? await requireOrgRole(tx, actor, orgId, ["supervisor"])
      : await requireTownshipRoleOver(tx, actor, orgId, ["supervisor"]).catch(() => {
          throw new AppError("forbidden", "not allowed in this organization");
        });
    const text = requireText(data.text, "text", REPLY_MAX, { noPersonalNumbers: true });
    // Conditional on "no reply yet": two supervisors answering at once cannot both publish.
    const updated = await tx.objection.updateMany({
      where: { id: objection.id, reply: null },
      data: { reply: text, repliedAt: now, replierId: actor.kind === "account" ? actor.accountId : null, replyByTownship: !ownSupervisor },
    });
    if (updated.count !== 1)
      throw new AppError("conflict", "this objection has already been answered", { field: "objectionId", details: { reason: "already_replied" } });
    await appendAudit(tx, {
      orgId: objection.notice.orgId,
      actor: auditActor,
      action: "objection.replied",
      object: { type: "objection", id: objection.id },
      data: { noticeId: objection.noticeId, reply: text, ...(ownSupervisor ? {} : { byTownship: true }) },
    });
    return { id: objection.id, noticeId: objection.noticeId, orgId };
  });
}
