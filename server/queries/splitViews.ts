/**
 * Split views caught by the township's witness (issue #21 item 3), read from the witness's own evidence store through
 * its registration (server/audit/localWitness.ts) — not from the village database, which the rewrite could reach.
 * Feeds the alert facts (server/queries/alertFacts.ts) and the evidence page /orgs/[orgId]/witness.
 */
import { localWitnessHost, type SplitViewEvidence } from "../audit/localWitness";
import { parseCheckpointBody, parseNote } from "../audit/verify.mjs";
import type { SplitViewFact } from "../domain/alerts";

const ORG_IN_ORIGIN = /\/org\/([^/]+)$/;

export type SplitViewDetail = SplitViewEvidence & { fact: SplitViewFact };

function head(note: string): { size: number; rootHash: string } {
  const body = parseCheckpointBody(parseNote(note).text);
  return { size: body.size, rootHash: body.root.toString("base64") };
}

/** The cosignature's timestamp by `witnessName` in a cosigned note (tlog-cosignature: key ID, 8-byte time, signature). */
function cosignedAt(note: string, witnessName: string): Date | null {
  try {
    const sig = parseNote(note).signatures.find((s) => s.name === witnessName && s.signature.length === 72);
    return sig ? new Date(Number(sig.signature.readBigUInt64BE(0)) * 1000) : null;
  } catch {
    return null;
  }
}

/** Every split view of these organizations' logs, newest first, with the fact the alert rule reads. */
export async function splitViewsOf(orgIds: readonly string[]): Promise<Map<string, SplitViewDetail[]>> {
  const out = new Map<string, SplitViewDetail[]>();
  const host = localWitnessHost();
  if (!host || orgIds.length === 0) return out;
  const wanted = new Set(orgIds);
  const evidence = await host.splitViews(null);
  for (const e of evidence) {
    const orgId = ORG_IN_ORIGIN.exec(e.origin)?.[1];
    if (!orgId || !wanted.has(orgId) || e.known === null) continue;
    const witness = await host.witnessFor(orgId);
    if (!witness) continue;
    let fact: SplitViewFact;
    try {
      fact = {
        witness: witness.townshipName,
        cosigned: { ...head(e.known), at: cosignedAt(e.known, witness.name) },
        submitted: { ...head(e.submitted), at: e.receivedAt },
        proof: { fromSize: e.oldSize, hashes: e.proof.length },
        reason: e.reason,
        refusals: 0,
      };
    } catch {
      continue; // a note the witness could not parse is refused with 400, never kept as a split view
    }
    out.set(orgId, [...(out.get(orgId) ?? []), { ...e, fact }]);
  }
  for (const list of out.values()) for (const d of list) d.fact.refusals = list.length;
  return out;
}

/** The latest split view per organization, for the alert facts. */
export async function latestSplitViews(orgIds: readonly string[]): Promise<Map<string, SplitViewFact>> {
  const all = await splitViewsOf(orgIds);
  return new Map([...all].map(([orgId, list]) => [orgId, (list[0] as SplitViewDetail).fact]));
}
