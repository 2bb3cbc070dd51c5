/**
 * Who may witness a 代书 (an assisted signature: the recorder writes the name for an attendee who cannot sign, and
 * the attendee adds a fingerprint). Two people who were in the hall confirm it on their own phones, so that the
 * signature does not rest on the recorder's word alone: the chair or an attendee present in person, with an account
 * of their own, never the recorder (who wrote it) and never the signer. Pure.
 */
export type WitnessProblem = "witness_same" | "witness_is_signer" | "witness_is_recorder" | "witness_not_present";

export function witnessProblem(input: {
  signerId: string;
  witnessIds: readonly [string, string];
  recorderId: string | null;
  /** The chair and the in-person attendees with an active account (MinutesStatus.witnessCandidates). */
  candidates: ReadonlySet<string>;
}): { reason: WitnessProblem; field: string } | null {
  const [first, second] = input.witnessIds;
  if (first === second) return { reason: "witness_same", field: "witness2" };
  for (const [index, id] of input.witnessIds.entries()) {
    const field = `witness${index + 1}`;
    if (id === input.signerId) return { reason: "witness_is_signer", field };
    if (id === input.recorderId) return { reason: "witness_is_recorder", field };
    if (!input.candidates.has(id)) return { reason: "witness_not_present", field };
  }
  return null;
}
