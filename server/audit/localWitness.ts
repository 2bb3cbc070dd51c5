/**
 * The witness this deployment hosts for its township (issue #21 item 3), as the village logs' code sees it: a
 * submission function and public facts (name, vkey, refusals kept as evidence) — never a key. The witness itself,
 * with its own key file and its own database, is server/witness/township.ts; it registers itself here at start
 * (server/index.ts). server/audit never imports server/witness (docs/architecture.json), so nothing on the village
 * log's path can reach the witness's private key: it exists only inside the cosigner's closure over there.
 *
 * The registration lives on globalThis (processSlot): Next's bundle and the tsx server have separate module copies.
 */
import { processSlot } from "../singleton";

export type LocalWitnessAnswer = { status: number; text: string };

/** A township's in-deployment witness, as its public face. */
export type LocalWitness = {
  townshipId: string;
  townshipName: string;
  /** c2sp.org/tlog-cosignature verifier key. */
  vkey: string;
  /** The witness's key name (the name in its cosignature lines). */
  name: string;
  /** c2sp.org/tlog-witness add-checkpoint, in process: the same request body and answer as over HTTP. */
  addCheckpoint(body: string): Promise<LocalWitnessAnswer>;
};

/** A checkpoint the township witness refused as inconsistent with one it cosigned (a split view), as evidence. */
export type SplitViewEvidence = {
  origin: string;
  receivedAt: Date;
  /** The witness's words (e.g. "size 14 has a different root hash than the checkpoint this witness cosigned"). */
  reason: string;
  oldSize: number;
  /** The consistency proof as sent (base64 hashes). */
  proof: string[];
  /** The checkpoint note refused, as submitted. */
  submitted: string;
  /** The checkpoint note the witness had cosigned (with its cosignature), or null. */
  known: string | null;
};

export interface LocalWitnessHost {
  /** The in-deployment witness of the township above this organization (village or cooperative), if any. */
  witnessFor(orgId: string): Promise<LocalWitness | null>;
  /** The witness of a township (created on first use: every township has one). */
  witnessOfTownship(townshipId: string): Promise<LocalWitness | null>;
  /** Split views the township witnesses refused for these logs (origins; null: every log), newest first. */
  splitViews(origins: readonly string[] | null): Promise<SplitViewEvidence[]>;
}

const slot = processSlot<LocalWitnessHost>("__yishiLocalWitnessHost");

export function registerLocalWitnessHost(host: LocalWitnessHost): void {
  slot.set(host);
}

export function unregisterLocalWitnessHost(): void {
  slot.clear();
}

export function localWitnessHost(): LocalWitnessHost | null {
  return slot.get() ?? null;
}
