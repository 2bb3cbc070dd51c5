import { z } from "zod";
import { appendAudit } from "../../audit/append";
import { requireOrgRole } from "../../auth/permissions";
import { ensureIdNumberKey } from "../../config";
import { hashIdNumber } from "../../domain/idNumber";
import { AppError } from "../../errors";
import { getRuntime } from "../../runtime";
import type { Actor } from "../actor";
import { runCommand, type Tx } from "../run";
import { checkRoster, type RosterRow } from "./roster/checkRoster";
import { type ParsedRoster, parseRosterCsv, parseRosterRecords, type RosterFileProblem } from "./roster/parseRoster";
import { readRosterFile, type TextEncoding } from "./roster/readRosterFile";

/** 2 MB of file: base64 makes 4 characters of every 3 bytes. */
const MAX_FILE_BASE64 = Math.ceil((2_000_000 * 4) / 3) + 4;

const schema = z
  .strictObject({
    orgId: z.string().min(1),
    /** Text already read (a CSV typed or pasted), or */
    csv: z.string().max(2_000_000, "文件太大 (file too large)").optional(),
    /** the file's bytes as uploaded, base64: CSV in any encoding, or .xlsx. */
    file: z.base64("文件不是 base64 (file is not base64)").max(MAX_FILE_BASE64, "文件太大 (file too large)").optional(),
    /** Households named in the file but not in the register are created only when the admin ticks this. */
    createMissingHouseholds: z.boolean().default(false),
    /** Preview: check everything, write nothing. */
    dryRun: z.boolean().default(true),
  })
  .refine((d) => d.csv !== undefined || d.file !== undefined, { message: "没有文件 (no file)", path: ["file"] });

export type RosterPreview = {
  problem: RosterFileProblem | null;
  /** The line or spreadsheet row the problem is on, where there is one. */
  problemLine: number | null;
  /** How the file was read: its kind and, for text, the encoding found. */
  format: "csv" | "xlsx" | null;
  encoding: TextEncoding | null;
  unknownColumns: string[];
  rows: RosterRow[];
  errorCount: number;
  newHouseholds: string[];
  imported: number;
};

async function registerOf(tx: Tx, orgId: string) {
  // One after the other: a transaction is one connection, and node-postgres deprecates overlapping queries on one.
  const households = await tx.household.findMany({ where: { orgId }, select: { id: true, number: true } });
  const people = await tx.person.findMany({
    where: { orgId, deletedAt: null },
    select: { name: true, phone: true, idNumberHash: true, household: { select: { number: true } } },
  });
  return {
    householdIds: new Map(households.map((h) => [h.number, h.id])),
    people: people.map((p) => ({ name: p.name, phone: p.phone, idNumberHash: p.idNumberHash, household: p.household?.number ?? null })),
  };
}

type ReadRoster = ParsedRoster & { format: RosterPreview["format"]; encoding: TextEncoding | null };

/** Read before the transaction opens (runCommand's prepare): decoding and unzipping must not hold the database. */
async function readInput(data: { csv?: string; file?: string }): Promise<ReadRoster> {
  if (data.file === undefined) return { ...parseRosterCsv(data.csv ?? ""), format: "csv", encoding: null };
  const read = await readRosterFile(new Uint8Array(Buffer.from(data.file, "base64")));
  if (!read.ok) return { rows: [], problem: read.problem, problemLine: read.line, unknownColumns: [], format: null, encoding: null };
  return { ...parseRosterRecords(read.records), format: read.format, encoding: read.encoding };
}

/**
 * Imports a roster (CSV in UTF-8 or GBK/GB18030, or .xlsx) in one transaction: all rows or none. The preview (dryRun)
 * runs the same checks. The log gets one `roster.imported` entry naming every person and household added (ids and
 * names, never phones or ID numbers).
 */
export function importRoster(input: unknown, actor: Actor): Promise<RosterPreview> {
  return runCommand(
    schema,
    input,
    actor,
    async (tx, data, roster) => {
      const auditActor = await requireOrgRole(tx, actor, data.orgId, ["admin"]);
      const register = await registerOf(tx, data.orgId);
      const key = ensureIdNumberKey(getRuntime().config.dataDir);
      const checked = checkRoster(
        roster.rows,
        { households: new Set(register.householdIds.keys()), people: register.people },
        data.createMissingHouseholds,
        (id) => hashIdNumber(id, key),
      );
      const rows: RosterRow[] = checked.map(({ idNumberHash: _hash, ...row }) => row);
      const newHouseholds = [...new Set(rows.filter((r) => r.isNewHousehold && r.household !== null).map((r) => r.household as string))];
      const errorCount = rows.filter((r) => r.errors.length > 0).length + (roster.problem ? 1 : 0);
      const preview: RosterPreview = {
        problem: roster.problem,
        problemLine: roster.problemLine,
        format: roster.format,
        encoding: roster.encoding,
        unknownColumns: roster.unknownColumns,
        rows,
        errorCount,
        newHouseholds,
        imported: 0,
      };
      if (data.dryRun) return preview;
      if (errorCount > 0) {
        throw new AppError("invalid_input", "the file has errors: nothing was imported", { field: "csv", details: { errorCount } });
      }
      const createdHouseholds =
        data.createMissingHouseholds && newHouseholds.length > 0
          ? await tx.household.createManyAndReturn({ data: newHouseholds.map((number) => ({ orgId: data.orgId, number })), select: { id: true, number: true } })
          : [];
      for (const h of createdHouseholds) register.householdIds.set(h.number, h.id);
      const people = await tx.person.createManyAndReturn({
        data: checked.map((r) => ({
          orgId: data.orgId,
          householdId: r.household === null ? null : (register.householdIds.get(r.household) ?? null),
          name: r.name,
          phone: r.phone,
          gender: r.gender ?? "male",
          isAdult: r.isAdult,
          isPartyMember: r.isPartyMember,
          isCoopMember: r.isCoopMember,
          idNumberHash: r.idNumberHash,
          idNumberMasked: r.idNumberMasked,
          relationship: r.relationship,
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
    },
    readInput,
  );
}
