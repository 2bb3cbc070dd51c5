import { currentDb } from "../db";
import { proposalProgress } from "../db/load/proposalProgress";
import type { PetitionProgress } from "../domain/meeting/petition";
import { AppError } from "../errors";
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
  /** Photos and PDFs the author attached: public with the proposal. */
  attachments: { id: string; filename: string; mime: string; size: number }[];
};

/** A resident the clerk may hand a co-signing code to: adult, registered, not yet signed (per proposal). */
export type CodeCandidate = { id: string; name: string; household: string | null; signed: string[] };

/**
 * The organization's proposals board (议题征集): public, like the notice board. For a signed-in resident it also says
 * whether they may sign and whether they did; for the admin, whether they may answer.
 */
export async function proposalBoard(viewer: Viewer | null, orgId: string) {
  const { prisma } = currentDb();
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true } });
  if (!org) throw new AppError("not_found", "organization not found");
  const account = viewer
    ? await prisma.account.findUnique({
        where: { id: viewer.id },
        select: {
          person: { select: { id: true, orgId: true, isAdult: true, deletedAt: true } },
          roles: { where: { orgId, role: "admin" }, select: { role: true } },
        },
      })
    : null;
  const person = account?.person && account.person.orgId === orgId && account.person.isAdult && account.person.deletedAt === null ? account.person : null;
  const proposals = await prisma.proposal.findMany({ where: { orgId }, orderBy: { createdAt: "desc" }, take: 100 });
  const views: ProposalView[] = [];
  for (const p of proposals) {
    const [count, duties, mine, progress, attachments] = await Promise.all([
      prisma.proposalSignature.count({ where: { proposalId: p.id } }),
      prisma.conveningDuty.findMany({ where: { proposalId: p.id }, select: { body: true, basis: true, reachedAt: true } }),
      person ? prisma.proposalSignature.findUnique({ where: { proposalId_personId: { proposalId: p.id, personId: person.id } } }) : null,
      proposalProgress(prisma, p),
      prisma.proposalAttachment.findMany({
        where: { proposalId: p.id },
        orderBy: { createdAt: "asc" },
        select: { id: true, filename: true, mime: true, size: true },
      }),
    ]);
    views.push({
      id: p.id,
      title: p.title,
      description: p.description,
      state: p.state,
      answer: p.answer,
      matterId: p.matterId,
      createdAt: p.createdAt,
      count,
      progress,
      duties,
      hasSigned: mine !== null,
      attachments,
    });
  }
  const isAdmin = (account?.roles.length ?? 0) > 0;
  return {
    org,
    proposals: views,
    canSign: person !== null,
    isAdmin,
    codeCandidates: isAdmin
      ? await codeCandidates(
          orgId,
          proposals.filter((p) => p.state === "open").map((p) => p.id),
        )
      : [],
  };
}

/** For the clerk: the adults of the organization, with the open proposals each has already signed. */
async function codeCandidates(orgId: string, openProposalIds: string[]): Promise<CodeCandidate[]> {
  const { prisma } = currentDb();
  const [people, signatures] = await Promise.all([
    prisma.person.findMany({
      where: { orgId, isAdult: true, deletedAt: null },
      orderBy: [{ name: "asc" }],
      select: { id: true, name: true, household: { select: { number: true } } },
    }),
    prisma.proposalSignature.findMany({ where: { proposalId: { in: openProposalIds } }, select: { proposalId: true, personId: true } }),
  ]);
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    household: p.household?.number ?? null,
    signed: signatures.filter((s) => s.personId === p.id).map((s) => s.proposalId),
  }));
}

/** One attachment of a proposal of this organization, for anyone (proposals are public). */
export async function proposalAttachment(orgId: string, attachmentId: string) {
  const { prisma } = currentDb();
  const file = await prisma.proposalAttachment.findUnique({
    where: { id: attachmentId },
    select: { orgId: true, filename: true, mime: true, size: true, data: true },
  });
  if (!file || file.orgId !== orgId) throw new AppError("not_found", "attachment not found");
  return file;
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
  return duties.map((d) => ({
    body: d.body,
    basis: d.basis,
    signed: d.signed,
    needed: d.needed,
    reachedAt: d.reachedAt,
    proposal: titles.find((p) => p.id === d.proposalId)?.title ?? "",
  }));
}
