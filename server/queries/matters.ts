import { canReadOrgOrTownship, orgRolesOf, townshipRolesOver } from "../auth/permissions";
import { currentDb } from "../db";
import { assertMatterStage, deciderForStage, MATTER_STAGES, type MatterStage, STAGE_INFO } from "../domain/matter";
import { type BodyKind, describeBodyRules, isCompetent, type Localized, MATTER_RULES, matterKindOf } from "../domain/rules";
import { AppError } from "../errors";
import { actorOf, requireAdmin, type Viewer } from "./access";

export { matterKindOf } from "../domain/rules";

export async function adminMatters(viewer: Viewer, orgId: string) {
  await requireAdmin(viewer, orgId);
  const matters = await currentDb().prisma.matter.findMany({
    where: { orgId },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, kind: true, source: true, stage: true, createdAt: true },
  });
  return matters;
}

export type StageDecider = {
  stage: MatterStage;
  bodyKind: BodyKind;
  kindName: Localized;
  /** The pass rule for this matter at this kind of body (the matter's own rule where it has one). */
  pass: Localized | null;
  legalBasis: string[];
  /** Bodies of this kind in the matter's organization or its village / cooperatives. */
  bodies: { id: string; name: string; orgName: string }[];
};

/**
 * A matter's page: its stage, its whole history (each move with the meeting and motion that made it, or the
 * reason of a manual move), and for each voting stage which bodies decide it and by what rule (rules engine).
 */
export async function matterDetail(viewer: Viewer, matterId: string) {
  const { prisma } = currentDb();
  const matter = await prisma.matter.findUnique({
    where: { id: matterId },
    select: {
      id: true,
      orgId: true,
      title: true,
      description: true,
      kind: true,
      source: true,
      stage: true,
      createdAt: true,
      org: { select: { name: true, parentId: true, children: { select: { id: true } } } },
      events: {
        orderBy: { at: "asc" },
        select: { id: true, fromStage: true, toStage: true, meetingId: true, motionId: true, reason: true, actorId: true, at: true },
      },
      items: { select: { meeting: { select: { id: true, number: true, title: true, startsAt: true, body: { select: { name: true } } } } } },
    },
  });
  if (!matter) throw new AppError("not_found", "matter not found");
  if (!(await canReadOrgOrTownship(prisma, actorOf(viewer), matter.orgId))) throw new AppError("forbidden", "not of this organization");
  const isAdmin = (await orgRolesOf(prisma, viewer.id, matter.orgId)).includes("admin");
  // The township's staff read (issue #20); only its 镇街监督 writes an opinion here.
  const townshipRoles = await townshipRolesOver(prisma, actorOf(viewer), matter.orgId);
  const opinions = await prisma.supervisionOpinion.findMany({
    where: { matterId: matter.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, byTownship: true, createdAt: true, accountId: true },
  });
  assertMatterStage(matter.stage);
  const kind = matterKindOf(matter.kind);
  const related = [matter.orgId, ...(matter.org.parentId ? [matter.org.parentId] : []), ...matter.org.children.map((c) => c.id)];
  const meetingIds = [...new Set(matter.events.map((e) => e.meetingId).filter((id): id is string => id !== null))];
  const motionIds = [...new Set(matter.events.map((e) => e.motionId).filter((id): id is string => id !== null))];
  const actorIds = [...new Set([...matter.events.map((e) => e.actorId).filter((id): id is string => id !== null), ...opinions.map((o) => o.accountId)])];
  const [bodies, meetings, motions, actors] = await Promise.all([
    prisma.body.findMany({ where: { orgId: { in: related } }, select: { id: true, name: true, kind: true, org: { select: { name: true } } } }),
    prisma.meeting.findMany({ where: { id: { in: meetingIds } }, select: { id: true, number: true, title: true, body: { select: { name: true } } } }),
    prisma.motion.findMany({ where: { id: { in: motionIds } }, select: { id: true, text: true } }),
    prisma.account.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }),
  ]);
  const deciders: StageDecider[] = MATTER_STAGES.filter((s) => STAGE_INFO[s].isVoting).flatMap((stage) =>
    deciderForStage(stage, kind).map((bodyKind) => {
      const rules = describeBodyRules(bodyKind, undefined, new Date());
      const rule = rules.matters.find((m) => m.matter === kind);
      return {
        stage,
        bodyKind,
        kindName: rules.name,
        pass: rule?.pass ?? null,
        legalBasis: rule?.legalBasis ?? rules.pass.legalBasis,
        bodies: bodies.filter((b) => b.kind === bodyKind).map((b) => ({ id: b.id, name: b.name, orgName: b.org.name })),
      };
    }),
  );
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  const motionById = new Map(motions.map((m) => [m.id, m]));
  const actorById = new Map(actors.map((a) => [a.id, a.displayName]));
  return {
    id: matter.id,
    orgId: matter.orgId,
    orgName: matter.org.name,
    title: matter.title,
    description: matter.description,
    kind,
    kindName: MATTER_RULES[kind].name,
    source: matter.source,
    stage: matter.stage,
    createdAt: matter.createdAt,
    isAdmin,
    /** The viewer is the 镇街监督 of the township above: may write a 镇街监督意见 on this matter. */
    canWriteTownshipOpinion: townshipRoles.includes("supervisor"),
    opinions: opinions.map((o) => ({ id: o.id, text: o.text, byTownship: o.byTownship, createdAt: o.createdAt, author: actorById.get(o.accountId) ?? null })),
    events: matter.events.map((e) => ({
      ...e,
      meeting: e.meetingId ? (meetingById.get(e.meetingId) ?? null) : null,
      motion: e.motionId ? (motionById.get(e.motionId) ?? null) : null,
      actorName: e.actorId ? (actorById.get(e.actorId) ?? null) : null,
    })),
    meetings: matter.items.map((i) => i.meeting),
    deciders,
    /** Decision bodies (S4) that may not decide this kind of matter at all (RULES.md §2). */
    incompetent: (["villagers-assembly", "villager-representatives", "members-assembly", "member-representatives"] as const)
      .filter((b) => !isCompetent(b, kind))
      .map((b) => describeBodyRules(b).name),
  };
}
