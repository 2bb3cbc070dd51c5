import { z } from "zod";
import { currentDb } from "../db";
import { BODY_KINDS, type BodyKind, type BodyRulesDescription, charterSchema, checkComposition, describeBodyRules, type RuleWarning } from "../domain/rules";

export type BodyRules = { id: string; name: string; rosterSize: number; rules: BodyRulesDescription; warnings: RuleWarning[] };
export type OrgRules = { id: string; name: string; bodies: BodyRules[] };

const kindSchema = z.enum(BODY_KINDS);

/** The decision rules of every body of an organization, for the public 「议事规则」 page (no personal data). */
export async function orgRules(orgId: string): Promise<OrgRules | null> {
  const org = await currentDb().prisma.organization.findUnique({
    where: { id: orgId },
    select: {
      id: true,
      name: true,
      bodies: {
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true, kind: true, charter: true, members: { select: { seat: true, person: { select: { gender: true } } } } },
      },
    },
  });
  if (!org) return null;
  return {
    id: org.id,
    name: org.name,
    bodies: org.bodies.map((body) => {
      const kind: BodyKind = kindSchema.parse(body.kind);
      const charter = charterSchema.parse(body.charter ?? {});
      return {
        id: body.id,
        name: body.name,
        rosterSize: body.members.length,
        rules: describeBodyRules(kind, charter, new Date()),
        warnings: checkComposition({
          body: kind,
          members: body.members.length,
          representatives: body.members.filter((m) => m.seat === "representative").length,
          women: body.members.filter((m) => m.person.gender === "female").length,
        }),
      };
    }),
  };
}
