import type { PetitionProgress } from "../domain/meeting/petition";
import { proposalProgress } from "../db/load/proposalProgress";
import { AppError } from "../errors";
import { currentDb } from "../db";
import { requireAdmin, type Viewer } from "./access";

export type ProposalView = {
  id: string;
  title: string;
  description: string;
  state: string;
  answer: string | null;
  matterId: string | null;
  createdAt: Date;
  /** How many signed: a count only. Signatories' names and phone numbers are never shown here. */
  count: number;
  progress: PetitionProgress[];
  duties: { body: string; basis: string; reachedAt: Date }[];
  hasSigned: boolean;
};

/**
 * The organization's proposals board (议题征集): public, like the notice board. For a signed-in resident it also says
 * whether they may sign and whether they did; for the admin, whether they may answer.
 */
export async function proposalBoard(viewer: Viewer | null, orgId: string) {
  const { prisma } = currentDb();
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true } });
  if (!org) throw new AppError("not_found", "organization not found");
  const account = viewer ? await prisma.account.findUnique({ where: { id: viewer.id }, select: { person: { select: { id: true, orgId: true, isAdult: true, deletedAt: true } }, roles: { where: { orgId, role: "admin" }, select: { role: true } } } }) : null;
  const person = account?.person && account.person.orgId === orgId && account.person.isAdult && account.person.deletedAt === null ? account.person : null;
  const proposals = await prisma.proposal.findMany({ where: { orgId }, orderBy: { createdAt: "desc" }, take: 100 });
  const views: ProposalView[] = [];
  for (const p of proposals) {
    const [count, duties, mine, progress] = await Promise.all([
      prisma.proposalSignature.count({ where: { proposalId: p.id } }),
      prisma.conveningDuty.findMany({ where: { proposalId: p.id }, select: { body: true, basis: true, reachedAt: true } }),
      person ? prisma.proposalSignature.findUnique({ where: { proposalId_personId: { proposalId: p.id, personId: person.id } } }) : null,
      proposalProgress(prisma, p),
    ]);
    views.push({ id: p.id, title: p.title, description: p.description, state: p.state, answer: p.answer, matterId: p.matterId, createdAt: p.createdAt, count, progress, duties, hasSigned: mine !== null });
  }
  return { org, proposals: views, canSign: person !== null, isAdmin: (account?.roles.length ?? 0) > 0 };
}

/**
 * The reminder for the convener (the clerk's overview): every petition threshold reached by a proposal, newest first.
 * Yishi does not know whether the meeting was held; the list says when the duty arose and on what basis.
 */
export async function conveningDuties(viewer: Viewer, orgId: string) {
  await requireAdmin(viewer, orgId);
  const { prisma } = currentDb();
  const duties = await prisma.conveningDuty.findMany({ where: { orgId }, orderBy: { reachedAt: "desc" }, take: 20 });
  const titles = await prisma.proposal.findMany({ where: { id: { in: duties.map((d) => d.proposalId) } }, select: { id: true, title: true } });
  return duties.map((d) => ({ body: d.body, basis: d.basis, signed: d.signed, needed: d.needed, reachedAt: d.reachedAt, proposal: titles.find((p) => p.id === d.proposalId)?.title ?? "" }));
}
