import type { FormReader } from "@/server/web/formReader";

/** The person form's fields. Editing may clear the phone or household (null); creating leaves them out. */
export function personFromForm(f: FormReader, isEdit: boolean): Record<string, unknown> {
  const clearable = (name: string) => (isEdit ? (f.nullable(name) ?? null) : f.str(name));
  return {
    name: f.str("name"),
    phone: clearable("phone"),
    householdId: clearable("householdId"),
    gender: f.str("gender"),
    isAdult: f.bool("isAdult"),
    isPartyMember: f.bool("isPartyMember"),
    isCoopMember: f.bool("isCoopMember"),
    idNumber: f.str("idNumber"),
  };
}
