/**
 * One line per required signer for the printed record (PDF, print view, sign-in sheet): who, in which role, and how
 * they signed — or nothing yet, where the paper leaves room for a handwritten signature. Pure: the words come in.
 */
import type { RequiredSigner } from "./signers";
import type { SignatureMethod } from "./status";

export type SignedFact = { personId: string; signedAt: string; method: SignatureMethod; witnesses: string[]; scanSha256: string | null };

export type SignatureLine = { personId: string; name: string; role: string; signed: string | null };

export type LineWords = {
  role: (role: string) => string;
  /** e.g. "纸质签字" or "代书（见证人：甲、乙）". */
  method: (method: SignatureMethod, witnesses: string) => string;
  when: (iso: string) => string;
  scan: (hash: string) => string;
};

export function signatureLines(required: readonly RequiredSigner[], signatures: readonly SignedFact[], words: LineWords): SignatureLine[] {
  const byPerson = new Map(signatures.map((s) => [s.personId, s]));
  return required.map((signer) => {
    const s = byPerson.get(signer.personId);
    const signed = s
      ? [words.method(s.method, s.witnesses.join("、")), words.when(s.signedAt), s.scanSha256 ? words.scan(s.scanSha256.slice(0, 16)) : null]
          .filter((part) => part !== null)
          .join("，")
      : null;
    return { personId: signer.personId, name: signer.name, role: words.role(signer.role), signed };
  });
}
