/**
 * The implementation record of a matter for its page (issue #23): the plan, milestones with their status, progress
 * reports with their evidence and the checks made on upload (a reused photo with its other use), spending against
 * the decided amount, and the payments imported under the decision. For the organization's people; whether the
 * viewer may add to it (an admin, or the chair of the deciding body) comes with it.
 */
import { bodyRolesOf, canReadOrgOrTownship, orgRolesOf, townshipRolesOver } from "../auth/permissions";
import { currentDb } from "../db";
import type { PaymentFlag } from "../domain/implementation/payments";
import { type CapStatus, capStatus, type DuplicateUse, type MilestoneStatus, milestoneStatus, type PhotoFinding } from "../domain/implementation/progress";
import { AppError } from "../errors";
import { chinaDateInput } from "../time";
import { actorOf, type Viewer } from "./access";

export type EvidenceView = {
  id: string;
  kind: "photo" | "document";
  filename: string;
  mime: string;
  takenAt: Date | null;
  findings: PhotoFinding[];
  duplicates: DuplicateUse[];
};

export type ImplementationView = {
  matter: { id: string; orgId: string; title: string; stage: string };
  canEdit: boolean;
  canPlan: boolean;
  /** The township's staff: they see the photos other villages of the township used, beside this one's (issue #23). */
  seesTownshipPhotos: boolean;
  today: string;
  people: { id: string; name: string }[];
  plan: null | {
    id: string;
    decisionCode: string;
    decision: { text: string; bodyName: string; meetingNumber: string } | null;
    responsibleName: string;
    startsOn: string;
    endsOn: string;
    site: { lat: number; lon: number } | null;
    cap: CapStatus;
    milestones: { id: string; title: string; dueOn: string; doneOn: string | null; status: MilestoneStatus }[];
    updates: { id: string; reportedOn: string; text: string; spentFen: bigint; milestoneTitle: string | null; files: EvidenceView[] }[];
    payments: { id: string; paidOn: string; payee: string; amountFen: bigint; purpose: string; flags: PaymentFlag[] }[];
  };
};

const PLANNABLE = ["decision_disclosure", "implementation"];

export async function implementationView(viewer: Viewer, matterId: string, now: Date = new Date()): Promise<ImplementationView> {
  const { prisma } = currentDb();
  const matter = await prisma.matter.findUnique({ where: { id: matterId }, select: { id: true, orgId: true, title: true, stage: true } });
  if (!matter) throw new AppError("not_found", "matter not found");
  if (!(await canReadOrgOrTownship(prisma, actorOf(viewer), matter.orgId))) throw new AppError("forbidden", "not of this organization");
  const seesTownshipPhotos = (await townshipRolesOver(prisma, actorOf(viewer), matter.orgId)).length > 0;
  const plan = await prisma.implementationPlan.findUnique({
    where: { matterId },
    select: {
      id: true,
      decisionCode: true,
      motionId: true,
      responsibleId: true,
      startsOn: true,
      endsOn: true,
      siteLat: true,
      siteLon: true,
      capFen: true,
      milestones: { orderBy: { position: "asc" }, select: { id: true, title: true, dueOn: true, doneOn: true } },
      updates: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          reportedOn: true,
          text: true,
          spentFen: true,
          milestone: { select: { title: true } },
          files: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, filename: true, mime: true, takenAt: true, checks: true } },
        },
      },
    },
  });
  const motion = plan
    ? await prisma.motion.findUnique({
        where: { id: plan.motionId },
        select: { text: true, meeting: { select: { number: true, bodyId: true, body: { select: { name: true } } } } },
      })
    : null;
  const isAdmin = (await orgRolesOf(prisma, viewer.id, matter.orgId)).includes("admin");
  // The deciding body's chair keeps the record with the clerk; with no plan yet, only the clerk draws one up here.
  const isChair = !isAdmin && motion !== null && (await bodyRolesOf(prisma, viewer.id, motion.meeting.bodyId)).includes("chair");
  const canEdit = isAdmin || isChair;
  const today = chinaDateInput(now);
  const people =
    canEdit && !plan
      ? await prisma.person.findMany({ where: { orgId: matter.orgId, deletedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } })
      : [];
  if (!plan) return { matter, canEdit: isAdmin, canPlan: isAdmin && PLANNABLE.includes(matter.stage), seesTownshipPhotos, today, people, plan: null };
  const responsible = await prisma.person.findUnique({ where: { id: plan.responsibleId }, select: { name: true } });
  const payments = await prisma.payment.findMany({
    where: { planId: plan.id },
    orderBy: [{ paidOn: "asc" }, { line: "asc" }],
    select: { id: true, paidOn: true, payee: true, amountFen: true, purpose: true, flags: true },
  });
  const spentFen = plan.updates.reduce((sum, u) => sum + u.spentFen, 0n);
  return {
    matter,
    canEdit,
    canPlan: false,
    seesTownshipPhotos,
    today,
    people,
    plan: {
      id: plan.id,
      decisionCode: plan.decisionCode,
      decision: motion ? { text: motion.text, bodyName: motion.meeting.body.name, meetingNumber: motion.meeting.number } : null,
      responsibleName: responsible?.name ?? "",
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      site: plan.siteLat !== null && plan.siteLon !== null ? { lat: plan.siteLat, lon: plan.siteLon } : null,
      cap: capStatus(plan.capFen, spentFen),
      milestones: plan.milestones.map((m) => ({ ...m, status: milestoneStatus(m, today) })),
      updates: plan.updates.map((u) => ({
        id: u.id,
        reportedOn: u.reportedOn,
        text: u.text,
        spentFen: u.spentFen,
        milestoneTitle: u.milestone?.title ?? null,
        files: u.files.map((f) => {
          const checks = (f.checks ?? {}) as { findings?: PhotoFinding[]; duplicates?: DuplicateUse[] };
          return {
            id: f.id,
            kind: f.kind === "photo" ? "photo" : "document",
            filename: f.filename,
            mime: f.mime,
            takenAt: f.takenAt,
            findings: checks.findings ?? [],
            duplicates: checks.duplicates ?? [],
          };
        }),
      })),
      payments: payments.map((p) => ({ ...p, flags: p.flags as PaymentFlag[] })),
    },
  };
}

export type EvidenceFile = { filename: string; mime: string; size: number; data: Uint8Array };

/**
 * One evidence file, for the organization's people (the same readers as the record it belongs to) and the staff of
 * the township above it, who compare a photo two villages used. Another village's people find nothing.
 */
export async function evidenceFile(viewer: Viewer, fileId: string): Promise<EvidenceFile> {
  const { prisma } = currentDb();
  const file = await prisma.evidenceFile.findUnique({ where: { id: fileId }, select: { orgId: true, filename: true, mime: true, size: true, data: true } });
  if (!file || !(await canReadOrgOrTownship(prisma, actorOf(viewer), file.orgId))) throw new AppError("not_found", "file not found", { field: "fileId" });
  return { filename: file.filename, mime: file.mime, size: file.size, data: file.data };
}

/** The payment imports of an organization and their flagged rows, for the clerk and the supervisors. */
export async function paymentImports(viewer: Viewer, orgId: string) {
  const { prisma } = currentDb();
  const roles = await orgRolesOf(prisma, viewer.id, orgId);
  if (!roles.includes("admin") && !roles.includes("supervisor")) throw new AppError("forbidden", "only the clerk and the supervisors see payments");
  const imports = await prisma.paymentImport.findMany({
    where: { orgId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      filename: true,
      encoding: true,
      rows: true,
      flagged: true,
      createdAt: true,
      payments: {
        where: { NOT: { flags: { isEmpty: true } } },
        orderBy: { line: "asc" },
        select: { id: true, line: true, paidOn: true, payee: true, amountFen: true, purpose: true, decisionCode: true, flags: true },
      },
    },
  });
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { name: true } });
  return {
    orgId,
    orgName: org?.name ?? "",
    canImport: roles.includes("admin"),
    imports: imports.map((i) => ({ ...i, payments: i.payments.map((p) => ({ ...p, flags: p.flags as PaymentFlag[] })) })),
  };
}
