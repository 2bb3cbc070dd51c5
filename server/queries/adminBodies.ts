import { currentDb } from "../db";
import { type BodyKind, type BodyRulesDescription, bodyKindOf, type Charter, charterSchema, describeBodyRules, type RuleWarning } from "../domain/rules";
import { AppError } from "../errors";
import { requireAdmin, type Viewer } from "./access";
import { rosterWarnings } from "./rosterWarnings";

export type CharterSettings = Charter & { membersEditMinutes?: boolean; publishNamedVotes?: boolean; noticeDays?: number };

export async function adminBodies(viewer: Viewer, orgId: string) {
  await requireAdmin(viewer, orgId);
  const bodies = await currentDb().prisma.body.findMany({
    where: { orgId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, kind: true, _count: { select: { members: true, meetings: true } } },
  });
  return bodies.map((b) => ({ id: b.id, name: b.name, kind: bodyKindOf(b.kind), rosterSize: b._count.members, meetings: b._count.meetings }));
}

export type AdminBody = {
  id: string;
  orgId: string;
  name: string;
  kind: BodyKind;
  charter: CharterSettings;
  rules: BodyRulesDescription;
  chairId: string | null;
  recorderId: string | null;
  roster: { personId: string; name: string; seat: string; gender: "female" | "male" }[];
  candidates: {
    id: string;
    name: string;
    household: string | null;
    gender: "female" | "male";
    isPartyMember: boolean;
    isCoopMember: boolean;
    hasPhone: boolean;
  }[];
  warnings: RuleWarning[];
  households: number;
};

export async function adminBody(viewer: Viewer, bodyId: string): Promise<AdminBody> {
  const { prisma } = currentDb();
  const body = await prisma.body.findUnique({
    where: { id: bodyId },
    select: {
      id: true,
      orgId: true,
      name: true,
      kind: true,
      charter: true,
      chairId: true,
      recorderId: true,
      members: { select: { personId: true, seat: true, person: { select: { name: true, gender: true } } } },
    },
  });
  if (!body) throw new AppError("not_found", "body not found");
  await requireAdmin(viewer, body.orgId);
  const kind = bodyKindOf(body.kind);
  const charter = charterSchema.parse(body.charter ?? {});
  const [people, households] = await Promise.all([
    prisma.person.findMany({
      where: { orgId: body.orgId, deletedAt: null },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, gender: true, phone: true, isPartyMember: true, isCoopMember: true, household: { select: { number: true } } },
    }),
    prisma.household.count({ where: { orgId: body.orgId } }),
  ]);
  const roster = body.members.map((m) => ({ personId: m.personId, name: m.person.name, seat: m.seat, gender: m.person.gender }));
  return {
    id: body.id,
    orgId: body.orgId,
    name: body.name,
    kind,
    charter,
    rules: describeBodyRules(kind, charter, new Date()),
    chairId: body.chairId,
    recorderId: body.recorderId,
    roster,
    candidates: people.map((p) => ({
      id: p.id,
      name: p.name,
      gender: p.gender,
      household: p.household?.number ?? null,
      isPartyMember: p.isPartyMember,
      isCoopMember: p.isCoopMember,
      hasPhone: p.phone !== null,
    })),
    warnings: rosterWarnings(kind, roster, households),
    households,
  };
}
