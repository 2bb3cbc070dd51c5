/**
 * Verifies a Yishi vote receipt in the browser, offline and without crypto.subtle: the entry's RFC 9162 leaf hash,
 * its inclusion proof into the checkpoint's root, the checkpoint's Ed25519 signed-note signature by the log's key
 * (c2sp.org/signed-note, c2sp.org/tlog-checkpoint) and, where given, witness cosignatures (c2sp.org/tlog-cosignature).
 *
 * It mirrors verifyReceipt + verifyCosignatures in server/audit/verify.mjs rule for rule (that file stays the one
 * dependency-free Node checker); verifyInBrowser.test.ts runs both on the same good and tampered receipts. Instead of
 * throwing it answers with a reason code that the receipt page turns into words.
 */
import { hashes as ed25519Hashes, verify as ed25519Verify } from "@noble/ed25519";
import { sha512 } from "@noble/hashes/sha2";
import { concatBytes, fromBase64, readUint32, readUint64, sameBytes, sha256, utf8 } from "./bytes";
import { decodeEntryBytes, type VerifiedEntry } from "./entry";

ed25519Hashes.sha512 = sha512;

export type ProofFailure =
  /** The receipt's text, a proof hash or the checkpoint's layout is malformed. */
  | "malformed"
  /** The log key (vkey) given to check with is not a valid Ed25519 signed-note key. */
  | "bad_log_key"
  /** A witness key given to check with is not a valid cosignature key. */
  | "bad_witness_key"
  /** The checkpoint carries no signature by the log's key. */
  | "not_signed_by_log"
  /** A signature line by the log's key does not verify: the checkpoint text was changed or forged. */
  | "bad_signature"
  /** A cosignature line by one of the given witnesses does not verify. */
  | "bad_cosignature"
  /** The receipt holds no entry bytes, or they are not a canonical v1 entry. */
  | "bad_entry"
  /** The entry's seq is not the proof's index. */
  | "wrong_index"
  /** The checkpoint is not the log of the entry's organization (or not the expected origin). */
  | "wrong_log"
  /** The inclusion proof does not lead from the entry's leaf hash to the checkpoint's root. */
  | "not_included";

export interface WitnessSeen {
  name: string;
  keyId: number;
  /** When the witness cosigned, POSIX seconds (signed by the witness). */
  timestamp: number;
}

export type ProofVerdict =
  | { ok: true; index: number; treeSize: number; origin: string; entry: VerifiedEntry; witnessedBy: WitnessSeen[]; signedAt?: Date }
  | { ok: false; reason: ProofFailure };

export interface ProofInput {
  /** The entry's exact bytes (the tlog-proof's `extra` line); null when the receipt has none. */
  entryBytes: Uint8Array | null;
  index: number;
  /** The audit path, the leaf's sibling first (RFC 9162 §2.1.3.1). */
  proof: readonly Uint8Array[];
  /** The signed checkpoint note, verbatim (with any cosignature lines). */
  checkpoint: string;
  /** The log's verifier key `<name>+<key id>+<base64(0x01 || key)>`. */
  logKey: string;
  /** Witness verifier keys (type 0x04); their cosignatures are checked, others ignored. */
  witnessKeys?: readonly string[];
  /** When given, the checkpoint must name exactly this origin. */
  origin?: string;
}

class Failure extends Error {
  constructor(readonly reason: ProofFailure) {
    super(reason);
  }
}
const fail = (reason: ProofFailure): never => {
  throw new Failure(reason);
};

// ─── RFC 9162 §2.1 ──────────────────────────────────────────────────────────────────────────────────────────────

export const leafHash = (bytes: Uint8Array): Uint8Array => sha256(concatBytes(new Uint8Array([0x00]), bytes));
const nodeHash = (left: Uint8Array, right: Uint8Array): Uint8Array => sha256(concatBytes(new Uint8Array([0x01]), left, right));
const EMPTY_ROOT = sha256(new Uint8Array(0));
const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isHash = (h: Uint8Array) => h instanceof Uint8Array && h.length === 32;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2: the root the proof leads to, or null when it cannot be valid. */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Uint8Array | null {
  if (!isSize(index) || !isSize(size) || index >= size || !isHash(leaf)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (!isHash(p) || sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

// ─── Keys and signed notes ──────────────────────────────────────────────────────────────────────────────────────

const ED25519_TYPE = 0x01;
const COSIGNATURE_TYPE = 0x04;
const KEY_NAME_RE = /^[^\s+]+$/u;
const MAX_SIGNATURES = 100;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

interface Key {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
}

const keyIdOf = (name: string, type: number, publicKey: Uint8Array): number =>
  readUint32(sha256(concatBytes(utf8(`${name}\n`), new Uint8Array([type]), publicKey)));

/** Parses `<name>+<hex key ID>+<base64(type || key)>`, or null when it is not a valid key of that type. */
function parseKey(text: string, type: number): Key | null {
  const match = /^([^+]*)\+([^+]*)\+(.*)$/s.exec(String(text).trim());
  if (!match) return null;
  const [, name, idHex, keyB64] = match;
  if (!KEY_NAME_RE.test(name) || !/^[0-9a-f]{8}$/.test(idHex)) return null;
  const key = fromBase64(keyB64);
  if (key?.length !== 33 || key[0] !== type) return null;
  const publicKey = key.subarray(1);
  const keyId = Number.parseInt(idHex, 16);
  return keyIdOf(name, type, publicKey) === keyId ? { name, keyId, publicKey } : null;
}

interface NoteSignature {
  name: string;
  keyId: number;
  signature: Uint8Array;
}

function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  if (typeof note !== "string" || /[\u0000-\u0009\u000b-\u001f]/.test(note) || !note.endsWith("\n")) fail("malformed");
  const split = note.lastIndexOf("\n\n");
  if (split < 0) fail("malformed");
  const lines = note.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) fail("malformed");
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!match || !KEY_NAME_RE.test(match[1])) return fail("malformed");
    const bytes = fromBase64(match[2]);
    if (!bytes || bytes.length < 5) return fail("malformed");
    return { name: match[1], keyId: readUint32(bytes), signature: bytes.subarray(4) };
  });
  return { text: note.slice(0, split + 1), signatures };
}

/** RFC 8032 verification (not ZIP-215), as OpenSSL does for verify.mjs. */
const ed25519Ok = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean => {
  try {
    return ed25519Verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
};

function openCheckpoint(note: string, logKey: Key, origin: string | undefined): { origin: string; size: number; root: Uint8Array; text: string } {
  const { text, signatures } = parseNote(note);
  const message = utf8(text);
  let signed = false;
  for (const sig of signatures) {
    if (sig.name !== logKey.name || sig.keyId !== logKey.keyId) continue;
    if (sig.signature.length !== 64 || !ed25519Ok(sig.signature, message, logKey.publicKey)) fail("bad_signature");
    signed = true;
  }
  if (!signed) fail("not_signed_by_log");
  const lines = text.split("\n");
  if (lines.length < 4 || lines[lines.length - 1] !== "") fail("malformed");
  const [name, sizeText, rootText] = lines;
  if (name === "" || !/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) fail("malformed");
  const root = fromBase64(rootText);
  if (root?.length !== 32 || lines.slice(3, -1).some((l) => l === "")) return fail("malformed");
  if (origin !== undefined && name !== origin) fail("wrong_log");
  const size = Number(sizeText);
  if (size === 0 && !sameBytes(root, EMPTY_ROOT)) fail("malformed");
  return { origin: name, size, root, text };
}

function verifyCosignatures(note: string, witnesses: readonly Key[]): WitnessSeen[] {
  const { text, signatures } = parseNote(note);
  const found: WitnessSeen[] = [];
  for (const sig of signatures) {
    const key = witnesses.find((w) => w.name === sig.name && w.keyId === sig.keyId);
    if (!key) continue;
    if (sig.signature.length !== 8 + 64) fail("bad_cosignature");
    const stamp = readUint64(sig.signature);
    if (stamp === 0n || stamp > MAX_TIMESTAMP || stamp > BigInt(Number.MAX_SAFE_INTEGER)) fail("bad_cosignature");
    const timestamp = Number(stamp);
    const message = utf8(`cosignature/v1\ntime ${timestamp}\n${text}`);
    if (!ed25519Ok(sig.signature.subarray(8), message, key.publicKey)) fail("bad_cosignature");
    if (!found.some((f) => f.name === key.name && f.keyId === key.keyId)) found.push({ name: key.name, keyId: key.keyId, timestamp });
  }
  return found;
}

// ─── Receipts ───────────────────────────────────────────────────────────────────────────────────────────────────

function check(input: ProofInput): ProofVerdict {
  const logKey = parseKey(input.logKey, ED25519_TYPE) ?? fail("bad_log_key");
  const witnesses = (input.witnessKeys ?? []).map((k) => parseKey(k, COSIGNATURE_TYPE) ?? fail("bad_witness_key"));
  if (!isSize(input.index) || input.proof.some((h) => !isHash(h))) fail("malformed");
  const checkpoint = openCheckpoint(input.checkpoint, logKey, input.origin);
  if (input.entryBytes === null) return fail("bad_entry");
  const entry = decodeEntryBytes(input.entryBytes) ?? fail("bad_entry");
  if (entry.seq !== input.index) fail("wrong_index");
  if (!checkpoint.origin.endsWith(`/org/${entry.org}`)) fail("wrong_log");
  const root = rootFromInclusionProof(input.index, checkpoint.size, leafHash(input.entryBytes), input.proof);
  if (root === null || !sameBytes(root, checkpoint.root)) fail("not_included");
  const witnessedBy = verifyCosignatures(input.checkpoint, witnesses);
  const earliest = witnessedBy.reduce<number | null>((min, w) => (min === null || w.timestamp < min ? w.timestamp : min), null);
  const verdict: ProofVerdict = { ok: true, index: input.index, treeSize: checkpoint.size, origin: checkpoint.origin, entry, witnessedBy };
  if (earliest !== null) verdict.signedAt = new Date(earliest * 1000);
  return verdict;
}

/** Verifies one entry's receipt; never throws. `signedAt` is the earliest witness cosignature's (signed) time. */
export function verifyProofInBrowser(input: ProofInput): ProofVerdict {
  try {
    return check(input);
  } catch (e) {
    if (e instanceof Failure) return { ok: false, reason: e.reason };
    throw e;
  }
}

export const TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";

/** Reads a c2sp.org/tlog-proof text (as receipt.ts writes it) into the proof fields, or null when malformed. */
export function parseTlogProofText(text: string): Pick<ProofInput, "entryBytes" | "index" | "proof" | "checkpoint"> | null {
  if (typeof text !== "string" || !text.startsWith(`${TLOG_PROOF_HEADER}\n`)) return null;
  const lines = text.slice(TLOG_PROOF_HEADER.length + 1).split("\n");
  const blank = lines.indexOf("");
  if (blank < 0) return null;
  const head = lines.slice(0, blank);
  let entryBytes: Uint8Array | null = null;
  if (head[0]?.startsWith("extra ")) {
    entryBytes = fromBase64(head[0].slice(6));
    if (!entryBytes) return null;
    head.shift();
  }
  const index = /^index (0|[1-9][0-9]*)$/.exec(head.shift() ?? "");
  if (!index || !Number.isSafeInteger(Number(index[1]))) return null;
  const proof: Uint8Array[] = [];
  for (const line of head) {
    const hash = fromBase64(line);
    if (hash?.length !== 32) return null;
    proof.push(hash);
  }
  return { entryBytes, index: Number(index[1]), proof, checkpoint: lines.slice(blank + 1).join("\n") };
}

/** Verifies a whole tlog-proof text; a malformed text is `malformed`. */
export function verifyTlogProofInBrowser(text: string, keys: Pick<ProofInput, "logKey" | "witnessKeys" | "origin">): ProofVerdict {
  const parsed = parseTlogProofText(text);
  return parsed ? verifyProofInBrowser({ ...parsed, ...keys }) : { ok: false, reason: "malformed" };
}
