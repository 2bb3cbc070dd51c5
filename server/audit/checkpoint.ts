/**
 * c2sp.org/tlog-checkpoint: a signed note whose text is exactly
 *
 *   <origin>\n<tree size, decimal>\n<base64 root hash>\n
 *
 * The origin names the log: `<host>/org/<orgId>` (DESIGN.md §6). Opening (verifying) a checkpoint is in verify.mjs.
 */

import type { NoteSigner } from "./note";
import { signNote } from "./note";
import type { OpenedCheckpoint } from "./verify.mjs";
import { openCheckpoint, parseCheckpointBody, parseNote } from "./verify.mjs";

export type { OpenedCheckpoint };
export { openCheckpoint };

/** A tree head: the size and RFC 9162 root of a log prefix. */
export interface TreeHead {
  size: number;
  root: Uint8Array;
}

export interface Checkpoint extends TreeHead {
  origin: string;
}

// The origin is a schema-less URL without spaces or '+' (tlog-checkpoint §Note text): it doubles as the default key
// name, and signed-note key names may contain neither.
const HOST_RE = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/i;
const ORG_ID_RE = /^[A-Za-z0-9_-]+$/;

/** The origin of an organization's log, e.g. `yishi.example.cn/org/clx0abc`. */
export function auditOrigin(host: string, orgId: string): string {
  if (!HOST_RE.test(host)) {
    throw new TypeError(`audit origin host ${JSON.stringify(host)} must be a bare host name (no scheme or path)`);
  }
  if (!ORG_ID_RE.test(orgId)) throw new TypeError(`organization id ${JSON.stringify(orgId)} cannot be in an origin`);
  return `${host.toLowerCase()}/org/${orgId}`;
}

function assertTreeHead(head: TreeHead, what: string): void {
  if (!Number.isSafeInteger(head.size) || head.size < 0) throw new TypeError(`${what}: size must be an integer ≥ 0`);
  if (head.root.length !== 32) throw new TypeError(`${what}: root hash must be 32 bytes`);
}

/** The note text of a checkpoint (the bytes that are signed). */
export function checkpointBody(checkpoint: Checkpoint): string {
  assertTreeHead(checkpoint, "checkpoint");
  if (checkpoint.origin === "" || /[\s+]/u.test(checkpoint.origin)) {
    throw new TypeError("origin must be non-empty, without spaces or +");
  }
  return `${checkpoint.origin}\n${checkpoint.size}\n${Buffer.from(checkpoint.root).toString("base64")}\n`;
}

/**
 * Signs a checkpoint with every signer. Callers go through CheckpointSigner (signer.ts), which first refuses trees
 * inconsistent with the last checkpoint.
 */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(checkpointBody(checkpoint), signers);
}

/** Reads a checkpoint's tree head WITHOUT checking signatures: for notes this server signed or already verified. */
export function readCheckpoint(note: string): Checkpoint {
  return parseCheckpointBody(parseNote(note).text);
}
