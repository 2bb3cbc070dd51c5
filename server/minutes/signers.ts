/**
 * Who must sign the minutes off: the chair (主持人), the recorder (记录人) and each member who attended in person or
 * online (RULES.md §6: "sign-off by participants"). A member present only by proxy did not attend and does not sign;
 * the proxy holder, if a member, signs for themself. Pure.
 */
export type SignerRole = "chair" | "recorder" | "attendee";
export type RequiredSigner = { personId: string; name: string; role: SignerRole };

export type SignerFacts = {
  chair: { personId: string; name: string } | null;
  recorder: { personId: string; name: string } | null;
  /** In roster order. */
  attendance: { personId: string; status: string }[];
  names: Record<string, string>;
};

export function requiredSigners(facts: SignerFacts): RequiredSigner[] {
  const signers: RequiredSigner[] = [];
  const seen = new Set<string>();
  const add = (personId: string, name: string, role: SignerRole) => {
    if (seen.has(personId)) return;
    seen.add(personId);
    signers.push({ personId, name, role });
  };
  if (facts.chair) add(facts.chair.personId, facts.chair.name, "chair");
  if (facts.recorder) add(facts.recorder.personId, facts.recorder.name, "recorder");
  for (const a of facts.attendance) {
    if (a.status === "present_in_person" || a.status === "present_online") add(a.personId, facts.names[a.personId] ?? a.personId, "attendee");
  }
  return signers;
}

export function missingSigners(required: readonly RequiredSigner[], signedPersonIds: ReadonlySet<string>): RequiredSigner[] {
  return required.filter((s) => !signedPersonIds.has(s.personId));
}
