import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import { runCommand, type Tx } from "../run";
import { checkRoster, type RosterRow } from "./roster/checkRoster";
import { parseRosterCsv, type RosterFileProblem } from "./roster/parseRoster";

const schema = z.strictObject({
  orgId: z.string().min(1),
  csv: z.string().max(2_000_000, "文件太大 (file too large)"),
  /** Households named in the file but not in the register are created only when the admin ticks this. */
  createMissingHouseholds: z.boolean().default(false),
  /** Preview: check everything, write nothing. */
  dryRun: z.boolean().default(true),
});

export type RosterPreview = {
  problem: RosterFileProblem | null;
  unknownColumns: string[];
  rows: RosterRow[];
  errorCount: number;
  newHouseholds: string[];
  imported: number;
};

async function registerOf(tx: Tx, orgId: string) {
  // One after the other: a transaction is one connection, and node-postgres deprecates overlapping queries on one.
  const households = await tx.household.findMany({ where: { orgId }, select: { id: true, number: true } });
  const people = await tx.person.findMany({ where: { orgId, deletedAt: null }, select: { name: true, phone: true, household: { select: { number: true } } } });
  return {
    householdIds: new Map(households.map((h) => [h.number, h.id])),
    people: people.map((p) => ({ name: p.name, phone: p.phone, household: p.household?.number ?? null })),
  };
}

/**
 * Imports a roster CSV in one transaction: all rows or none. The preview (dryRun) runs the same checks. The log gets
 * one `roster.imported` entry naming every person and household added (ids and names, never phones).
 */
export function importRoster(input: unknown, actor: Actor): Promise<RosterPreview> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
    const parsed = parseRosterCsv(data.csv);
    const register = await registerOf(tx, data.orgId);
    const rows = checkRoster(parsed.rows, { households: new Set(register.householdIds.keys()), people: register.people }, data.createMissingHouseholds);
    const newHouseholds = [...new Set(rows.filter((r) => r.isNewHousehold && r.household !== null).map((r) => r.household as string))];
    const errorCount = rows.filter((r) => r.errors.length > 0).length + (parsed.problem ? 1 : 0);
    const preview: RosterPreview = { problem: parsed.problem, unknownColumns: parsed.unknownColumns, rows, errorCount, newHouseholds, imported: 0 };
    if (data.dryRun) return preview;
    if (errorCount > 0) {
      throw new AppError("invalid_input", "the file has errors: nothing was imported", { field: "csv", details: { errorCount } });
    }
    const createdHouseholds = data.createMissingHouseholds && newHouseholds.length > 0
      ? await tx.household.createManyAndReturn({ data: newHouseholds.map((number) => ({ orgId: data.orgId, number })), select: { id: true, number: true } })
      : [];
    for (const h of createdHouseholds) register.householdIds.set(h.number, h.id);
    const people = await tx.person.createManyAndReturn({
      data: rows.map((r) => ({
        orgId: data.orgId,
        householdId: r.household === null ? null : (register.householdIds.get(r.household) ?? null),
        name: r.name,
        phone: r.phone,
        gender: r.gender ?? "male",
        isAdult: r.isAdult,
        isPartyMember: r.isPartyMember,
        isCoopMember: r.isCoopMember,
      })),
      select: { id: true, name: true, householdId: true },
    });
    await appendAudit(tx, {
      orgId: data.orgId,
      actor: auditActor,
      action: "roster.imported",
      object: { type: "organization", id: data.orgId },
      data: {
        people: people.map((p) => ({ id: p.id, name: p.name, householdId: p.householdId })),
        households: createdHouseholds.map((h) => ({ id: h.id, number: h.number })),
      },
    });
    return { ...preview, imported: people.length };
  });
}
