import { z } from "zod";
import type { AuditActor } from "../../audit/append";
import { appendAudit } from "../../audit/append";
import { orgRolesOf, requireOrgRole, requireTownshipRoleOver } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand } from "../run";

const schema = z.strictObject({
  orgId: z.string().min(1).max(64),
  meetingId: z.string().min(1).max(64).optional(),
  motionId: z.string().min(1).max(64).optional(),
  /** An opinion on one matter of the organization (issue #20). */
  matterId: z.string().min(1).max(64).optional(),
  text: z.string().trim().min(1, "写下监督意见 (write the opinion)").max(2000),
});

export type OpinionAdded = {
  id: string;
  seq: number;
  orgId: string;
  meetingId: string | null;
  motionId: string | null;
  matterId: string | null;
  byTownship: boolean;
};

/**
 * 监督意见: a supervisor of the organization (村务监督委员会, VCOL 32) records an opinion on the organization, a
 * meeting or one decision. It is kept as a row and as a `supervision.opinion` entry in the same transaction, and
 * like everything in the log it can be neither edited nor withdrawn. Admins may not write opinions: the role that
 * runs the village's business is not the one that supervises it.
 *
 * The 镇街监督 of the township above (issue #20) writes opinions on its villages and their cooperatives the same
 * way: the entry is in the VILLAGE's log, names the township role, and the opinion shows as 镇街监督意见. Another
 * township's staff, and the township's other roles, are refused.
 */
export function addSupervisionOpinion(input: unknown, actor: Actor): Promise<OpinionAdded> {
  return runCommand(schema, input, actor, async (tx, data) => {
    if (actor.kind !== "account") throw new AppError("forbidden", "opinions are written by a supervisor");
    const ownSupervisor = (await orgRolesOf(tx, actor.accountId, data.orgId)).includes("supervisor");
    const auditActor: AuditActor = ownSupervisor
      ? await requireOrgRole(tx, actor, data.orgId, ["supervisor"])
      : await requireTownshipRoleOver(tx, actor, data.orgId, ["supervisor"]).catch(() => {
          throw new AppError("forbidden", "not allowed in this organization");
        });
    const byTownship = !ownSupervisor;
    if (data.matterId) {
      const matter = await tx.matter.findUnique({ where: { id: data.matterId }, select: { orgId: true } });
      if (!matter || matter.orgId !== data.orgId) throw new AppError("not_found", "matter not found", { field: "matterId" });
    }
    let meetingId = data.meetingId ?? null;
    if (data.motionId) {
      const motion = await tx.motion.findUnique({ where: { id: data.motionId }, select: { meetingId: true, meeting: { select: { orgId: true } } } });
      if (!motion || motion.meeting.orgId !== data.orgId) throw new AppError("not_found", "decision not found", { field: "motionId" });
      if (meetingId !== null && meetingId !== motion.meetingId)
        throw new AppError("invalid_input", "the decision is not of that meeting", { field: "meetingId" });
      meetingId = motion.meetingId;
    } else if (meetingId !== null) {
      const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { orgId: true } });
      if (!meeting || meeting.orgId !== data.orgId) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
    }
    const now = new Date();
    const opinion = await tx.supervisionOpinion.create({
      data: {
        orgId: data.orgId,
        meetingId,
        motionId: data.motionId ?? null,
        matterId: data.matterId ?? null,
        byTownship,
        accountId: actor.accountId,
        text: data.text,
        createdAt: now,
      },
    });
    const { seq } = await appendAudit(tx, {
      orgId: data.orgId,
      meetingId,
      actor: auditActor,
      action: "supervision.opinion",
      object: { type: "supervision_opinion", id: opinion.id },
      data: {
        text: data.text,
        meetingId,
        motionId: data.motionId ?? null,
        ...(data.matterId ? { matterId: data.matterId } : {}),
        ...(byTownship ? { byTownship } : {}),
      },
      now,
    });
    return { id: opinion.id, seq, orgId: data.orgId, meetingId, motionId: data.motionId ?? null, matterId: data.matterId ?? null, byTownship };
  });
}
