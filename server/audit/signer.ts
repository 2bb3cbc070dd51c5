/**
 * Signs checkpoints, and refuses to sign a tree that is not an append-only extension of the last checkpoint
 * (tlog-checkpoint §Signatures: "A log MUST not sign any checkpoint which is inconsistent with any checkpoint it
 * previously signed"). A rewritten or truncated audit table therefore stops getting signatures instead of
 * getting a fresh signed root.
 *
 * The signer keeps no state: several nodes share one log, so the caller reads the last checkpoint from the
 * database and passes it in, with either a consistency proof or the leaf hashes themselves as evidence.
 */
import { AppError } from "../errors";
import type { AuditKey } from "./auditKey";
import { publicKeyPem } from "./auditKey";
import type { TreeHead } from "./checkpoint";
import { signCheckpoint } from "./checkpoint";
import { EMPTY_ROOT, prefixRoots, verifyConsistency } from "./merkle";
import type { NoteVerifier } from "./note";
import { ed25519NoteSigner, formatVkey, noteVerifier } from "./note";

/** How the caller shows the new tree extends the old one. */
export type ConsistencyEvidence =
  /** RFC 9162 §2.1.4 proof from the previous size to the new size. */
  | { readonly proof: readonly Uint8Array[] }
  /** The log's leaf hashes from seq 0 (at least `next.size` of them); both roots are recomputed from them. */
  | { readonly leafHashes: readonly Uint8Array[] };

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

function isTreeHead(head: TreeHead): boolean {
  return Number.isSafeInteger(head.size) && head.size >= 0 && head.root.length === 32;
}

/** Why `next` is not a consistent extension of `previous` (null: the empty tree), or null when it is. */
export function treeInconsistency(previous: TreeHead | null, next: TreeHead, evidence: ConsistencyEvidence): string | null {
  const old = previous ?? { size: 0, root: EMPTY_ROOT };
  if (!isTreeHead(old) || !isTreeHead(next)) return "a tree head needs an integer size ≥ 0 and a 32-byte root";
  if (next.size < old.size) return `the tree shrank from ${old.size} to ${next.size} entries`;
  if ("proof" in evidence) {
    return verifyConsistency(old.size, next.size, old.root, next.root, evidence.proof)
      ? null
      : `the consistency proof from size ${old.size} to ${next.size} does not verify`;
  }
  const { leafHashes } = evidence;
  if (leafHashes.length < next.size) return `only ${leafHashes.length} leaf hashes for a tree of ${next.size}`;
  const [oldRoot, newRoot] = prefixRoots(leafHashes, [old.size, next.size]);
  if (!sameBytes(oldRoot, old.root)) return `the first ${old.size} entries no longer hash to the last checkpoint root`;
  if (!sameBytes(newRoot, next.root)) return `the root given for size ${next.size} is not the root of the entries`;
  return null;
}

/** Throws AppError("internal", details.reason "inconsistent_tree") unless `next` extends `previous`. */
export function assertTreeConsistent(previous: TreeHead | null, next: TreeHead, evidence: ConsistencyEvidence): void {
  const problem = treeInconsistency(previous, next, evidence);
  if (problem !== null) {
    throw new AppError("internal", `refusing to sign an audit checkpoint: ${problem}`, {
      details: { reason: "inconsistent_tree", previousSize: previous?.size ?? 0, nextSize: next.size },
    });
  }
}

export interface CheckpointSignerOptions {
  /** Oldest first; all sign, the last is the current key. */
  keys: readonly AuditKey[];
  /**
   * Key name in signature lines and vkeys. Default: the checkpoint's origin, as tlog-checkpoint recommends (the log's
   * key name SHOULD match the origin), which gives each organization's log its own vkey line.
   */
  keyName?: string;
}

export interface SignRequest {
  origin: string;
  /** The last signed checkpoint of this log, or null if none was ever signed. */
  previous: TreeHead | null;
  next: TreeHead;
  evidence: ConsistencyEvidence;
}

export class CheckpointSigner {
  readonly #keys: readonly AuditKey[];
  readonly #keyName: string | undefined;

  constructor(options: CheckpointSignerOptions) {
    if (options.keys.length === 0) throw new AppError("internal", "the checkpoint signer needs at least one key");
    this.#keys = [...options.keys];
    this.#keyName = options.keyName;
  }

  keyName(origin: string): string {
    return this.#keyName ?? origin;
  }

  /** The signed checkpoint note for `next`, after checking it extends `previous`. */
  sign(request: SignRequest): string {
    assertTreeConsistent(request.previous, request.next, request.evidence);
    const name = this.keyName(request.origin);
    const signers = this.#keys.map((key) => ed25519NoteSigner(name, key.privateKey));
    return signCheckpoint({ origin: request.origin, size: request.next.size, root: request.next.root }, signers);
  }

  /** Verifier-key lines for this log, one per key, oldest first (the bundle's vkey file). */
  vkeys(origin: string): string[] {
    return this.#keys.map((key) => formatVkey(this.keyName(origin), key.publicKey));
  }

  verifiers(origin: string): NoteVerifier[] {
    return this.#keys.map((key) => noteVerifier(this.keyName(origin), key.publicKey));
  }

  /** PEM SPKI of the current key (the bundle's log.pub). */
  currentPublicKeyPem(): string {
    return publicKeyPem(this.#keys[this.#keys.length - 1]);
  }
}
