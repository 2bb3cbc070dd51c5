/**
 * Checks parsed roster rows against each other and the organization's register. Pure. A file with any error
 * imports nothing (the admin fixes the file and tries again), so every row's problems are listed at once.
 */
import { isValidIdNumber, maskIdNumber, normalizeIdNumber } from "../../../domain/idNumber";
import { PHONE_PATTERN } from "../../../domain/phone";
import { normalizePhone, type RawRosterRow, readFlag, readGender } from "./parseRoster";

export type RowError =
  | "missing_name"
  | "name_too_long"
  | "bad_phone"
  | "bad_gender"
  | "bad_flag"
  | "unknown_household"
  | "duplicate_in_file"
  | "duplicate_existing"
  | "phone_in_file"
  | "phone_existing"
  | "bad_id_number"
  | "id_in_file"
  | "id_existing"
  | "relationship_too_long";

export const RELATIONSHIP_MAX = 20;

export type RosterRow = {
  line: number;
  name: string;
  phone: string | null;
  household: string | null;
  /** 4401**********1234; the full number never leaves the check. */
  idNumberMasked: string | null;
  /** 与户主关系 */
  relationship: string | null;
  /** The household is not in the register yet and will be created. */
  isNewHousehold: boolean;
  gender: "female" | "male" | null;
  isAdult: boolean;
  isPartyMember: boolean;
  isCoopMember: boolean;
  errors: RowError[];
};

export type Register = {
  /** Household numbers (户号) of the organization. */
  households: ReadonlySet<string>;
  /** People not deleted: name + household number (null without household), phone. */
  people: readonly { name: string; household: string | null; phone: string | null; idNumberHash: string | null }[];
};

/** A checked row and, for the import only, the keyed hash of its ID number (never sent to the browser). */
export type CheckedRosterRow = RosterRow & { idNumberHash: string | null };

const personKey = (name: string, household: string | null) => `${name}\u0000${household ?? ""}`;

export function checkRoster(
  raw: readonly RawRosterRow[],
  register: Register,
  createMissingHouseholds: boolean,
  hashIdNumber: (idNumber: string) => string,
): CheckedRosterRow[] {
  const existingPeople = new Set(register.people.map((p) => personKey(p.name, p.household)));
  const existingPhones = new Set(register.people.map((p) => p.phone).filter((p): p is string => p !== null));
  const existingIds = new Set(register.people.map((p) => p.idNumberHash).filter((h): h is string => h !== null));
  const seenPeople = new Map<string, number>();
  const seenPhones = new Map<string, number>();
  const seenIds = new Set<string>();
  return raw.map((row) => {
    const errors: RowError[] = [];
    const name = row.name?.trim() ?? "";
    if (name === "") errors.push("missing_name");
    else if (Array.from(name).length > 40) errors.push("name_too_long");
    const phone = row.phone ? normalizePhone(row.phone) : null;
    if (phone !== null && !PHONE_PATTERN.test(phone)) errors.push("bad_phone");
    const gender = readGender(row.gender);
    if (gender === null) errors.push("bad_gender");
    const flags = [readFlag(row.isAdult, true), readFlag(row.isPartyMember, false), readFlag(row.isCoopMember, false)];
    if (flags.includes(null)) errors.push("bad_flag");
    const household = row.household?.trim() || null;
    const isNewHousehold = household !== null && !register.households.has(household);
    if (isNewHousehold && !createMissingHouseholds) errors.push("unknown_household");
    if (name !== "") {
      const key = personKey(name, household);
      if (existingPeople.has(key)) errors.push("duplicate_existing");
      else if (seenPeople.has(key)) errors.push("duplicate_in_file");
      seenPeople.set(key, row.line);
    }
    if (phone !== null && PHONE_PATTERN.test(phone)) {
      if (existingPhones.has(phone)) errors.push("phone_existing");
      else if (seenPhones.has(phone)) errors.push("phone_in_file");
      seenPhones.set(phone, row.line);
    }
    const idNumber = row.idNumber ? normalizeIdNumber(row.idNumber) : null;
    const isValidId = idNumber !== null && isValidIdNumber(idNumber);
    if (idNumber !== null && !isValidId) errors.push("bad_id_number");
    const idNumberHash = isValidId ? hashIdNumber(idNumber) : null;
    if (idNumberHash !== null) {
      if (existingIds.has(idNumberHash)) errors.push("id_existing");
      else if (seenIds.has(idNumberHash)) errors.push("id_in_file");
      seenIds.add(idNumberHash);
    }
    const relationship = row.relationship?.trim() || null;
    if (relationship !== null && Array.from(relationship).length > RELATIONSHIP_MAX) errors.push("relationship_too_long");
    return {
      line: row.line,
      name,
      phone,
      household,
      idNumberMasked: isValidId ? maskIdNumber(idNumber) : null,
      idNumberHash,
      relationship,
      isNewHousehold,
      gender,
      isAdult: flags[0] ?? true,
      isPartyMember: flags[1] ?? false,
      isCoopMember: flags[2] ?? false,
      errors,
    };
  });
}
