#!/usr/bin/env node
// Yishi (议事) audit bundle verifier — standalone: plain ESM, Node ≥ 20, built-in modules only.
//
//   node verify.mjs <bundleDir>
//   node verify.mjs [--checkpoint FILE]… [--receipt FILE]… [--vkey FILE] [--origin ORIGIN] <bundleDir>
//   node verify.mjs --receipt FILE --vkey FILE              (a receipt alone, without a bundle)
//   … --witness VKEY [--witness VKEY]… [--min-witnesses N]   (require witness cosignatures, c2sp.org/tlog-witness)
//   node verify.mjs --certificate FILE [--key VKEY] [--witness VKEY]…   (a decision certificate, 决议凭证)
//   node verify.mjs --archive PACKAGE.zip                    (a village archive package, issue #23 item 4)
//
// Exit 0 with a short summary when everything checks; exit 1 with ONE line naming the file and line, the first bad
// seq or the bad checkpoint; exit 2 on a usage or internal error. Never a stack trace.
//
// This one file is also the server's checker (server/audit/*.ts import it; types in verify.d.mts), so the rules are
// written once. It is longer than our usual 250 lines because the bundle must carry a single self-contained file.
//
// Formats (docs: DESIGN.md §6): entries are RFC 8785 (JCS) JSON, one per line; the tree is RFC 9162 §2.1;
// checkpoints are c2sp.org/tlog-checkpoint signed notes (c2sp.org/signed-note, Ed25519); receipts are
// c2sp.org/tlog-proof with the entry's exact bytes in the `extra` line.

import { isUtf8 } from "node:buffer";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import zlib from "node:zlib";

/** A verification failure; `message` is one line that starts with where the problem is. */
export class VerifyError extends Error {
  constructor(message, where = {}) {
    super(String(message).replace(/[\r\n]+/g, " "));
    this.name = "VerifyError";
    this.file = where.file;
    this.line = where.line;
    this.seq = where.seq;
  }
}

function fail(message, where) {
  throw new VerifyError(message, where);
}

// ─── Hashing (RFC 9162 §2.1.1) ────────────────────────────────────────────────────────────────────────────────────

// crypto.hash (Node ≥ 20.12) is about 1.5× faster than createHash for small inputs; it matters at a million leaves.
const sha256 =
  typeof crypto.hash === "function" ? (data) => crypto.hash("sha256", data, "buffer") : (data) => crypto.createHash("sha256").update(data).digest();

/** MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT = sha256(Buffer.alloc(0));

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(bytes) {
  const buf = Buffer.allocUnsafe(bytes.length + 1);
  buf[0] = 0x00;
  buf.set(bytes, 1);
  return sha256(buf);
}

/** Interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left, right) {
  const buf = Buffer.allocUnsafe(65);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 33);
  return sha256(buf);
}

/**
 * Appends leaves left to right and gives the RFC 9162 root of every prefix in O(log n) per call, without keeping the
 * leaves: the tree of n leaves is the perfect subtrees of n's binary decomposition, largest first, folded from the
 * right (the split point is always the largest power of two below the size).
 */
export class CompactRange {
  #hashes = [];
  #sizes = [];
  #size = 0;

  get size() {
    return this.#size;
  }

  push(leaf) {
    let hash = leaf;
    let size = 1;
    while (this.#sizes.length > 0 && this.#sizes[this.#sizes.length - 1] === size) {
      hash = nodeHash(this.#hashes.pop(), hash);
      this.#sizes.pop();
      size *= 2;
    }
    this.#hashes.push(hash);
    this.#sizes.push(size);
    this.#size += 1;
  }

  root() {
    if (this.#hashes.length === 0) return EMPTY_ROOT;
    let root = this.#hashes[this.#hashes.length - 1];
    for (let i = this.#hashes.length - 2; i >= 0; i -= 1) root = nodeHash(this.#hashes[i], root);
    return root;
  }
}

const isSize = (n) => Number.isSafeInteger(n) && n >= 0;
const isOdd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2); // not `>>`: tree sizes may pass 2^31
const isHash = (h) => h instanceof Uint8Array && h.length === 32;
const sameBytes = (a, b) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof cannot be valid. */
export function rootFromInclusionProof(index, size, leaf, proof) {
  if (!isSize(index) || !isSize(size) || index >= size || !isHash(leaf)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (!isHash(p) || sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
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

/** RFC 9162 §2.1.3.2: does `proof` show `leaf` at `index` in the tree of `size` leaves with `root`? */
export function verifyInclusion(index, size, leaf, proof, root) {
  const r = rootFromInclusionProof(index, size, leaf, proof);
  return r !== null && isHash(root) && sameBytes(root, r);
}

/** RFC 9162 §2.1.4.2: is the tree (second, secondRoot) an append-only extension of (first, firstRoot)? */
export function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  if (!isSize(first) || !isSize(second) || first > second || !isHash(firstRoot) || !isHash(secondRoot)) return false;
  if (!proof.every(isHash)) return false;
  if (first === second) return proof.length === 0 && sameBytes(firstRoot, secondRoot);
  // Every tree extends the empty one; §2.1.4.1 defines no proof for it, so the proof must be empty.
  if (first === 0) return proof.length === 0 && sameBytes(firstRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;
  // Step 2: when `first` is a power of two its root is itself a node of the path and is not repeated in the proof.
  const hashes = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = hashes[0];
  let sr = hashes[0];
  for (const c of hashes.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameBytes(firstRoot, fr) && sameBytes(secondRoot, sr);
}

function isPowerOfTwo(n) {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

// ─── Entries: RFC 8785 canonical JSON and the v1 entry shape ─────────────────────────────────────────────────────

const isWellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (s) => s.isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/**
 * RFC 8785 serialization of a JSON value (as JSON.parse returns it). JSON.stringify already escapes strings as
 * §3.2.2.2 asks and prints numbers as §3.2.2.3 asks (ECMAScript Number::toString); JCS adds sorting object keys by
 * UTF-16 code units (§3.2.3 — the default Array#sort order) and refusing lone surrogates.
 */
export function canonicalJson(value) {
  switch (typeof value) {
    case "string":
      if (!isWellFormed(value)) fail("string with a lone surrogate is not allowed (RFC 8785 §3.2.2.2)");
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) fail("NaN and Infinity are not JSON");
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i += 1) out += (i === 0 ? "" : ",") + canonicalJson(value[i]);
        return `${out}]`;
      }
      const keys = Object.keys(value).sort();
      let out = "{";
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i];
        out += `${(i === 0 ? "" : ",") + canonicalJson(key)}:${canonicalJson(value[key])}`;
      }
      return `${out}}`;
    }
    default:
      return fail(`a ${typeof value} is not a JSON value`);
  }
}

export const ZERO_HASH_HEX = "0".repeat(64);
const ENTRY_KEYS = ["action", "actor", "data", "meeting", "object", "org", "prev", "seq", "ts", "v"];
const TS_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?Z$/;
const ACTION_RE = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
const HEX64_RE = /^[0-9a-f]{64}$/;

const isPlainObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v) => typeof v === "string" && v.length > 0;
const hasExactKeys = (o, keys) => {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(o, k));
};

// Only plain JSON, and only safe integers: jq, spreadsheets and other languages read larger or fractional numbers
// differently, and a supervisor must see the number the server meant. Fractions go in strings.
function jsonProblem(value, where) {
  switch (typeof value) {
    case "string":
    case "boolean":
      return null;
    case "number":
      return Number.isSafeInteger(value) ? null : `${where}: ${value} is not a safe integer`;
    case "object": {
      if (value === null) return null;
      const isArray = Array.isArray(value);
      const proto = Object.getPrototypeOf(value);
      if (!isArray && proto !== Object.prototype && proto !== null) return `${where} is not a plain JSON object`;
      for (const [key, child] of isArray ? value.entries() : Object.entries(value)) {
        const problem = jsonProblem(child, `${where}.${key}`);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return `${where} is ${typeof value}, not JSON`;
  }
}

/** Why `entry` is not a v1 audit entry (DESIGN.md §6), or null if its shape is right. Chain fields: the caller's. */
export function entryProblem(entry) {
  if (!isPlainObject(entry)) return "an entry must be a JSON object";
  if (!hasExactKeys(entry, ENTRY_KEYS)) return `an entry has exactly the fields ${ENTRY_KEYS.join(", ")}`;
  if (entry.v !== 1) return "v must be 1";
  if (!Number.isSafeInteger(entry.seq) || entry.seq < 0) return "seq must be an integer ≥ 0";
  if (typeof entry.prev !== "string" || !HEX64_RE.test(entry.prev)) return "prev must be 64 lowercase hex digits";
  if (typeof entry.ts !== "string" || !TS_RE.test(entry.ts)) return "ts must be an RFC 3339 UTC time ending in Z";
  if (!isText(entry.org)) return "org must be a non-empty string";
  if (entry.meeting !== null && !isText(entry.meeting)) return "meeting must be a non-empty string or null";
  if (entry.actor !== null) {
    const a = entry.actor;
    if (!isPlainObject(a) || !hasExactKeys(a, ["id", "name", "role"])) return "actor must be null or {id, role, name}";
    if (!isText(a.id) || !isText(a.role) || typeof a.name !== "string") {
      return "actor id and role must be non-empty strings, name a string";
    }
  }
  if (typeof entry.action !== "string" || !ACTION_RE.test(entry.action)) return "action must look like meeting.opened";
  const o = entry.object;
  if (!isPlainObject(o) || !hasExactKeys(o, ["id", "type"]) || !isText(o.type) || !isText(o.id)) {
    return "object must be {type, id} with non-empty strings";
  }
  if (!isPlainObject(entry.data)) return "data must be a JSON object";
  return jsonProblem(entry.data, "data");
}

const isValidUtf8 =
  typeof isUtf8 === "function"
    ? isUtf8
    : (bytes) => {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
          return true;
        } catch {
          return false;
        }
      };

function hasSortedKeys(value) {
  if (typeof value !== "object" || value === null) return true;
  if (Array.isArray(value)) return value.every(hasSortedKeys);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i += 1) {
    if ((i > 0 && !(keys[i - 1] < keys[i])) || !hasSortedKeys(value[keys[i]])) return false;
  }
  return true;
}

/**
 * Is `text` the RFC 8785 form of `value` (parsed from it)? Fast path: JSON.stringify already escapes and prints
 * numbers as JCS does, so equal output with keys in code-unit order at every level is canonical, unless a lone
 * surrogate hides in a \ud… escape. Anything else (e.g. integer-like keys, which V8 reorders) takes the full path.
 */
function isCanonical(value, text) {
  if (JSON.stringify(value) === text && !text.includes("\\ud") && hasSortedKeys(value)) return true;
  try {
    return canonicalJson(value) === text;
  } catch {
    return false;
  }
}

/**
 * Parses one entry's exact bytes (no trailing newline) and checks they are the canonical form of a v1 entry.
 * Throws VerifyError; chain fields (seq order, prev) are the caller's to check.
 */
export function decodeEntry(bytes) {
  // Valid UTF-8 first: then the decoded text maps back to exactly these bytes, and comparing text is enough.
  if (!isValidUtf8(bytes)) fail("not valid UTF-8");
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
  let entry;
  try {
    entry = JSON.parse(text);
  } catch {
    fail("not valid JSON");
  }
  const problem = entryProblem(entry);
  if (problem) fail(problem);
  if (!isCanonical(entry, text)) fail("not in RFC 8785 canonical form (key order, spacing or escapes differ)");
  return entry;
}

// ─── Signed notes (c2sp.org/signed-note) and checkpoints (c2sp.org/tlog-checkpoint) ──────────────────────────────

export const ED25519_TYPE = 0x01;
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex"); // RFC 8410 SubjectPublicKeyInfo header
const KEY_NAME_RE = /^[^\s+]+$/u;
const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_SIGNATURES = 100;

/** Strict standard base64 (RFC 4648 §4): Buffer.from alone would skip junk characters silently. */
export function decodeBase64(text, what) {
  if (typeof text !== "string" || !B64_RE.test(text)) fail(`${what} is not standard base64`);
  return Buffer.from(text, "base64");
}

export function isKeyName(name) {
  return typeof name === "string" && KEY_NAME_RE.test(name);
}

/** signed-note key ID: SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4], big-endian uint32. */
export function keyIdFor(name, publicKey) {
  const hash = sha256(Buffer.concat([Buffer.from(`${name}\n`, "utf8"), Buffer.from([ED25519_TYPE]), publicKey]));
  return hash.readUInt32BE(0);
}

export const formatKeyId = (keyId) => keyId.toString(16).padStart(8, "0");

export function ed25519PublicKeyObject(raw) {
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: "der", type: "spki" });
}

/** The 32 raw bytes of an Ed25519 public key given as PEM SPKI (the bundle's log.pub). */
export function rawPublicKeyFromPem(pem) {
  let key;
  try {
    key = crypto.createPublicKey({ key: pem, format: "pem" });
  } catch {
    fail("not a PEM public key");
  }
  if (key.asymmetricKeyType !== "ed25519") fail(`key type is ${key.asymmetricKeyType}, not ed25519`);
  return key.export({ format: "der", type: "spki" }).subarray(SPKI_ED25519_PREFIX.length);
}

/** Parses a verifier key `<name>+<hex key ID>+<base64(0x01 || public key)>` (c2sp.org/signed-note). */
export function parseVkey(text) {
  // Split at the first two '+' only: key names cannot contain one, but base64 can.
  const match = /^([^+]*)\+([^+]*)\+(.*)$/s.exec(text.trim());
  if (!match) fail("a verifier key is <name>+<key id>+<base64 key>");
  const [, name, idHex, keyB64] = match;
  if (!isKeyName(name)) fail("key name must be non-empty without spaces or +");
  if (!/^[0-9a-f]{8}$/.test(idHex)) fail("key id must be 8 lowercase hex digits");
  const key = decodeBase64(keyB64, "verifier key");
  if (key.length !== 33 || key[0] !== ED25519_TYPE) fail("only Ed25519 verifier keys (type 0x01) are supported");
  const publicKey = key.subarray(1);
  const keyId = Number.parseInt(idHex, 16);
  if (keyIdFor(name, publicKey) !== keyId) fail(`key id ${idHex} does not match key name and public key`);
  return { name, keyId, publicKey, keyObject: ed25519PublicKeyObject(publicKey) };
}

/** Parses a file of verifier keys, one per line (blank lines and # comments skipped); errors name the line. */
export function parseVkeys(text) {
  const keys = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    try {
      keys.push(parseVkey(line));
    } catch (e) {
      fail(`line ${i + 1}: ${e.message}`, { line: i + 1 });
    }
  });
  if (keys.length === 0) fail("no verifier key");
  return keys;
}

/** Splits a signed note into its text (with final newline) and signature lines. Throws VerifyError when malformed. */
export function parseNote(note) {
  if (typeof note !== "string") fail("a note must be text");
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) fail("a note must not contain control characters other than newline");
  if (!note.endsWith("\n")) fail("a note must end with a newline");
  const split = note.lastIndexOf("\n\n");
  if (split < 0) fail("no blank line between the note text and its signatures");
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) fail(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!match || !isKeyName(match[1])) fail(`malformed signature line: ${line.slice(0, 80)}`);
    const bytes = decodeBase64(match[2], "signature");
    if (bytes.length < 5) fail("signature too short");
    return { name: match[1], keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Verifies a signed note against known keys, as c2sp.org/signed-note asks: signatures by unknown (name, key ID) are
 * ignored; a known key's signature that fails rejects the whole note; at least one known key must have signed.
 */
export function verifyNote(note, verifiers) {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, "utf8");
  const verifiedBy = [];
  for (const sig of signatures) {
    const key = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!key) continue;
    if (sig.signature.length !== 64 || !crypto.verify(null, message, key.keyObject, sig.signature)) {
      fail(`bad signature by key ${sig.name}+${formatKeyId(sig.keyId)}`);
    }
    verifiedBy.push({ name: key.name, keyId: key.keyId });
  }
  if (verifiedBy.length === 0) fail("not signed by any known key (wrong key, or vkey is missing it)");
  return { text, verifiedBy };
}

/** Parses a checkpoint body: origin, decimal size, base64 root, then optional extension lines. */
export function parseCheckpointBody(text) {
  const lines = text.split("\n");
  if (lines.length < 4 || lines[lines.length - 1] !== "") fail("a checkpoint has origin, size and root hash lines");
  const [origin, sizeText, rootText] = lines;
  if (origin === "") fail("empty origin line");
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) fail("tree size is not a number");
  const root = decodeBase64(rootText, "root hash");
  if (root.length !== 32) fail("root hash is not 32 bytes");
  if (lines.slice(3, -1).some((l) => l === "")) fail("empty extension line");
  return { origin, size: Number(sizeText), root };
}

/** Verifies a checkpoint note and returns its tree head; with `origin`, the checkpoint must name exactly it. */
export function openCheckpoint(note, verifiers, origin) {
  const { text, verifiedBy } = verifyNote(note, verifiers);
  const checkpoint = parseCheckpointBody(text);
  if (origin !== undefined && checkpoint.origin !== origin) fail(`origin is ${checkpoint.origin}, expected ${origin}`);
  if (checkpoint.size === 0 && !checkpoint.root.equals(EMPTY_ROOT)) fail("the empty tree's root must be SHA-256()");
  return { ...checkpoint, verifiedBy };
}

// ─── Witness cosignatures (c2sp.org/tlog-cosignature, Ed25519 "cosignature/v1") ─────────────────────────────────
//
// A witness adds one more signature line to a checkpoint note; its payload is key ID (4) || timestamp (8, big-endian
// POSIX seconds) || Ed25519 signature (64) over "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint's
// note text. The key ID uses signature type 0x04, so a witness key can never be mistaken for a log key.

export const COSIGNATURE_TYPE = 0x04;
const COSIGNATURE_BYTES = 8 + 64;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

/** Cosigner key ID: SHA-256(name || 0x0A || 0x04 || 32-byte Ed25519 public key)[:4], big-endian uint32. */
export function cosignatureKeyId(name, publicKey) {
  const hash = sha256(Buffer.concat([Buffer.from(`${name}\n`, "utf8"), Buffer.from([COSIGNATURE_TYPE]), publicKey]));
  return hash.readUInt32BE(0);
}

/** The bytes a witness signs for a checkpoint's note text at `timestamp` (POSIX seconds, > 0). */
export function cosignedMessage(text, timestamp) {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) fail("a cosignature timestamp is a whole number of seconds > 0");
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, "utf8");
}

/** Parses a witness verifier key `<name>+<hex key ID>+<base64(0x04 || public key)>`. */
export function parseWitnessVkey(text) {
  const match = /^([^+]*)\+([^+]*)\+(.*)$/s.exec(String(text).trim());
  if (!match) fail("a witness key is <name>+<key id>+<base64 key>");
  const [, name, idHex, keyB64] = match;
  if (!isKeyName(name)) fail("witness key name must be non-empty without spaces or +");
  if (!/^[0-9a-f]{8}$/.test(idHex)) fail("witness key id must be 8 lowercase hex digits");
  const key = decodeBase64(keyB64, "witness key");
  if (key.length !== 33 || key[0] !== COSIGNATURE_TYPE) {
    fail("a witness key must be an Ed25519 cosignature key (type 0x04, c2sp.org/tlog-cosignature)");
  }
  const publicKey = key.subarray(1);
  const keyId = Number.parseInt(idHex, 16);
  if (cosignatureKeyId(name, publicKey) !== keyId) fail(`witness key id ${idHex} does not match its name and public key`);
  return { name, keyId, publicKey, keyObject: ed25519PublicKeyObject(publicKey) };
}

/**
 * The cosignatures on `note` by the given witnesses, as {name, keyId, timestamp}. Lines by other keys are ignored;
 * a line that names one of these witnesses but does not verify rejects the note (signed-note's rule).
 */
export function verifyCosignatures(note, witnesses) {
  const { text, signatures } = parseNote(note);
  const found = [];
  for (const sig of signatures) {
    const key = witnesses.find((w) => w.name === sig.name && w.keyId === sig.keyId);
    if (!key) continue;
    const label = `${sig.name}+${formatKeyId(sig.keyId)}`;
    if (sig.signature.length !== COSIGNATURE_BYTES) fail(`cosignature by ${label} is not 76 bytes`);
    const stamp = sig.signature.readBigUInt64BE(0);
    if (stamp === 0n || stamp > MAX_TIMESTAMP || stamp > BigInt(Number.MAX_SAFE_INTEGER)) {
      fail(`cosignature by ${label} has an impossible timestamp`);
    }
    const timestamp = Number(stamp);
    if (!crypto.verify(null, cosignedMessage(text, timestamp), key.keyObject, sig.signature.subarray(8))) {
      fail(`bad cosignature by witness ${label}`);
    }
    if (!found.some((f) => f.name === key.name && f.keyId === key.keyId)) found.push({ name: key.name, keyId: key.keyId, timestamp });
  }
  return found;
}

// ─── Receipts (c2sp.org/tlog-proof) ───────────────────────────────────────────────────────────────────────────────

export const TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";

/** Parses a c2sp.org/tlog-proof: header, [`extra <base64>`], `index <n>`, proof hashes, blank line, checkpoint. */
export function parseTlogProof(text) {
  if (typeof text !== "string" || !text.startsWith(`${TLOG_PROOF_HEADER}\n`)) {
    fail(`first line must be ${TLOG_PROOF_HEADER}`);
  }
  let rest = text.slice(TLOG_PROOF_HEADER.length + 1);
  const takeLine = () => {
    const nl = rest.indexOf("\n");
    if (nl < 0) fail("proof ends before its checkpoint");
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    return line;
  };
  let line = takeLine();
  let extra = null;
  if (line.startsWith("extra ")) {
    extra = decodeBase64(line.slice(6), "extra data");
    line = takeLine();
  }
  const index = /^index (0|[1-9][0-9]*)$/.exec(line);
  if (!index || !Number.isSafeInteger(Number(index[1]))) fail("expected an `index <n>` line");
  const proof = [];
  for (line = takeLine(); line !== ""; line = takeLine()) {
    const hash = decodeBase64(line, "proof hash");
    if (hash.length !== 32) fail("a proof hash is not 32 bytes");
    proof.push(hash);
  }
  return { extra, index: Number(index[1]), proof, checkpoint: rest };
}

/**
 * Verifies a Yishi vote receipt: the checkpoint is signed by a known key, the `extra` line holds a canonical entry
 * with seq = index, and the inclusion proof leads from that entry's leaf hash to the checkpoint's root.
 */
export function verifyReceipt(text, verifiers, origin) {
  const receipt = parseTlogProof(text);
  let checkpoint;
  try {
    checkpoint = openCheckpoint(receipt.checkpoint, verifiers, origin);
  } catch (e) {
    fail(`checkpoint: ${e.message}`);
  }
  if (receipt.extra === null) fail("no `extra` line with the entry's bytes");
  const entry = decodeEntry(receipt.extra);
  if (entry.seq !== receipt.index) fail(`entry has seq ${entry.seq} but the proof is for index ${receipt.index}`);
  if (!checkpoint.origin.endsWith(`/org/${entry.org}`)) {
    fail(`checkpoint origin ${checkpoint.origin} is not the log of org ${entry.org}`);
  }
  if (!verifyInclusion(receipt.index, checkpoint.size, leafHash(receipt.extra), receipt.proof, checkpoint.root)) {
    fail(`inclusion proof for seq ${receipt.index} does not lead to the root of checkpoint size ${checkpoint.size}`);
  }
  return { index: receipt.index, entryBytes: receipt.extra, entry, checkpoint: { ...checkpoint, text: receipt.checkpoint } };
}

// ─── Decision certificates (issue #23) ────────────────────────────────────────────────────────────────────────────
//
// A certificate is JSON: {format, statement, vkey, decision, plan?}. `statement` is what the page and the printed
// notice show; `decision` is the tlog-proof of the decision.certified entry written when the passed decision was
// announced on its matter (or recorded on it later): short ID, organization, body, meeting, matter, motion, tally and
// rule. `plan` is the tlog-proof of the implementation.planned entry citing the same short ID, once the decision has
// a plan (the amount cap). Every statement field is compared with the entry bytes at a fixed place; a field with no
// place is refused, so nothing shown goes unchecked.

export const CERTIFICATE_FORMAT = "yishi-decision-certificate/v1";

/** Statement field → [entry, path into that entry]: "decision" is the decision.certified entry, "plan" the plan's. */
export const CERTIFICATE_FIELDS = Object.freeze({
  code: ["decision", "data.code"],
  org: ["decision", "data.org.name"],
  body: ["decision", "data.body.name"],
  bodyKind: ["decision", "data.body.kind"],
  meetingNumber: ["decision", "data.meeting.number"],
  meetingTitle: ["decision", "data.meeting.title"],
  meetingDate: ["decision", "data.meeting.date"],
  decidedOn: ["decision", "data.decidedOn"],
  matter: ["decision", "data.matter.title"],
  matterKind: ["decision", "data.matter.kind"],
  motion: ["decision", "data.motion"],
  yes: ["decision", "data.vote.yes"],
  no: ["decision", "data.vote.no"],
  abstain: ["decision", "data.vote.abstain"],
  passed: ["decision", "data.vote.passed"],
  ruleBody: ["decision", "data.rule.body"],
  ruleKind: ["decision", "data.rule.kind"],
  needed: ["decision", "data.rule.needed"],
  capFen: ["plan", "data.capFen"],
});

function valueAt(entry, dotted) {
  let value = entry;
  for (const key of dotted.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

function certificateFail(message, field) {
  const error = new VerifyError(message);
  error.field = field;
  throw error;
}

/**
 * Compares a certificate's statement with its (already proven) entries. Pure: the browser page runs the same rules
 * (app/c/certificateCheck.ts, kept equal by server/audit/certificate.test.ts). Throws VerifyError with `field` set.
 */
export function checkCertificateStatement(statement, decisionEntry, planEntry) {
  if (statement === null || typeof statement !== "object" || Array.isArray(statement)) certificateFail("the statement is not an object", "statement");
  for (const field of Object.keys(statement)) {
    if (!Object.hasOwn(CERTIFICATE_FIELDS, field)) certificateFail(`field "${field}" is not one the log records`, field);
  }
  if (decisionEntry.action !== "decision.certified") certificateFail(`the decision entry is ${decisionEntry.action}, not decision.certified`, "decision");
  if (valueAt(decisionEntry, "data.vote.passed") !== true) certificateFail("the recorded vote did not pass", "passed");
  if (planEntry !== null) {
    if (planEntry.action !== "implementation.planned") certificateFail(`the plan entry is ${planEntry.action}, not implementation.planned`, "plan");
    if (planEntry.org !== decisionEntry.org) certificateFail("the plan entry is from another organization's log", "plan");
    if (planEntry.data.motionId !== decisionEntry.object.id || planEntry.data.decisionCode !== decisionEntry.data.code) {
      certificateFail("the plan entry carries out another decision", "plan");
    }
  }
  for (const [field, [which, where]] of Object.entries(CERTIFICATE_FIELDS)) {
    const entry = which === "decision" ? decisionEntry : planEntry;
    // No plan yet: no amount cap on record, and the statement must not claim one.
    const recorded = entry === null ? null : valueAt(entry, where);
    const shown = Object.hasOwn(statement, field) ? statement[field] : undefined;
    if (shown === undefined && (recorded === undefined || recorded === null)) continue;
    if (shown === undefined) certificateFail(`field "${field}" is missing (the log records ${JSON.stringify(recorded)})`, field);
    if (recorded === undefined || canonicalJson(shown) !== canonicalJson(recorded)) {
      certificateFail(
        `field "${field}" says ${JSON.stringify(shown)} but the log records ${recorded === undefined ? "nothing" : JSON.stringify(recorded)}`,
        field,
      );
    }
  }
}

/**
 * Verifies a decision certificate (JSON text): both tlog-proofs against signed checkpoints of the organization's log
 * (with `verifiers`, else with the certificate's own vkey), then every statement field against the entry bytes.
 * Returns what it proved; throws VerifyError naming the field or check.
 */
export function verifyCertificate(text, verifiers, options = {}) {
  let cert;
  try {
    cert = JSON.parse(text);
  } catch {
    certificateFail("not JSON", "format");
  }
  if (cert === null || typeof cert !== "object" || cert.format !== CERTIFICATE_FORMAT) certificateFail(`format is not ${CERTIFICATE_FORMAT}`, "format");
  let keys = verifiers;
  if (!keys) {
    if (typeof cert.vkey !== "string") certificateFail("no verifier key in the certificate and none given", "vkey");
    try {
      keys = parseVkeys(cert.vkey);
    } catch (e) {
      certificateFail(`vkey: ${e.message}`, "vkey");
    }
  }
  const prove = (name) => {
    if (typeof cert[name] !== "string") certificateFail(`no ${name} proof`, name);
    try {
      return verifyReceipt(cert[name], keys, options.origin);
    } catch (e) {
      return certificateFail(`${name} proof: ${e.message}`, name);
    }
  };
  const decision = prove("decision");
  const plan = cert.plan === undefined || cert.plan === null ? null : prove("plan");
  checkCertificateStatement(cert.statement, decision.entry, plan?.entry ?? null);
  return { statement: cert.statement, decision, plan, keyFromCertificate: !verifiers };
}

// ─── Bundles ──────────────────────────────────────────────────────────────────────────────────────────────────────

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const CHUNK_BYTES = 4 << 20;

async function readText(file, label) {
  let bytes;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (e) {
    const why = e && e.code === "ENOENT" ? "missing file" : `cannot read (${e?.code})`;
    fail(`${label}: ${why}`, { file: label });
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    return fail(`${label}: not valid UTF-8`, { file: label });
  }
}

/** Runs `check`, prefixing any failure with the file it concerns. */
function within(label, check) {
  try {
    return check();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new VerifyError(`${label}: ${message}`, { file: label, line: e?.line });
  }
}

/**
 * Checks the witness cosignatures on a checkpoint note: every line by one of `witnesses` must verify, and at least
 * `min` of them must be there. Throws naming `label`; returns who cosigned.
 */
export function requireCosignatures(label, note, witnesses, min) {
  const cosigned = within(label, () => verifyCosignatures(note, witnesses));
  if (cosigned.length < min) {
    const names = witnesses.map((w) => `${w.name}+${formatKeyId(w.keyId)}`).join(", ");
    const have = cosigned.length === 0 ? "no cosignature" : `only ${cosigned.length} cosignature(s)`;
    fail(`${label}: ${have} by the given witnesses (${names}); at least ${min} required (not yet witnessed, or witnessed by others)`, { file: label });
  }
  return cosigned;
}

/**
 * Verifies an export bundle (DESIGN.md §6) in one streaming pass over entries.jsonl. Throws VerifyError naming the
 * first bad file, line, seq or checkpoint; returns a summary otherwise.
 * options.trustedVkeys  {label, text}: trust these keys instead of the bundle's own vkey file
 * options.checkpoints   [{label, text}]: checkpoints saved elsewhere (by a supervisor) the bundle must agree with
 * options.receipts      [{label, text}]: tlog-proof receipts whose entry and checkpoint the bundle must agree with
 * options.origin        the exact origin every checkpoint must name
 * options.witnesses     witness verifier keys (parseWitnessVkey): cosignatures by them are checked wherever present
 * options.minWitnesses  cosignatures by those witnesses the NEWEST checkpoint (and each receipt) must carry; it
 *                       vouches for every entry before it, since all checkpoints must be prefixes of entries.jsonl
 * options.workers       worker threads for the per-line checks (default: up to 4 for files of 16 MB or more)
 * options.chunkBytes    read size (default 4 MiB; small values exercise chunk boundaries in tests)
 */
export async function verifyBundle(dir, options = {}) {
  const stat = await fs.promises.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) fail(`${dir}: not a bundle directory`, { file: dir });
  const vkeyText = await readText(path.join(dir, "vkey"), "vkey");
  const bundleKeys = within("vkey", () => parseVkeys(vkeyText));
  const pinned = options.trustedVkeys;
  const trusted = pinned ? within(pinned.label, () => parseVkeys(pinned.text)) : bundleKeys;
  const pubText = await readText(path.join(dir, "log.pub"), "log.pub");
  const logKey = within("log.pub", () => rawPublicKeyFromPem(pubText));
  if (!bundleKeys.some((k) => k.publicKey.equals(logKey))) {
    fail("log.pub: this key is not listed in vkey", { file: "log.pub" });
  }

  let origin = options.origin;
  const witnesses = options.witnesses ?? [];
  const minWitnesses = options.minWitnesses ?? 0;
  const openNamed = (label, text) => {
    const cp = within(label, () => openCheckpoint(text, trusted, origin));
    origin = cp.origin;
    const cosignedBy = witnesses.length > 0 ? requireCosignatures(label, text, witnesses, 0) : [];
    return { label, size: cp.size, root: cp.root, verifiedBy: cp.verifiedBy, cosignedBy, text };
  };

  const checkpoints = [];
  let names;
  try {
    names = await fs.promises.readdir(path.join(dir, "checkpoints"));
  } catch {
    fail("checkpoints/: missing directory", { file: "checkpoints/" });
  }
  const sized = names
    .filter((name) => !name.startsWith(".")) // .DS_Store and the like from unzipping
    .map((name) => ({ name, size: /^(0|[1-9][0-9]*)\.txt$/.exec(name) }));
  for (const { name } of sized.filter((n) => !n.size)) {
    fail(`checkpoints/${name}: file name must be <tree size>.txt`, { file: `checkpoints/${name}` });
  }
  sized.sort((a, b) => Number(a.size[1]) - Number(b.size[1]));
  for (const { name, size } of sized) {
    const label = `checkpoints/${name}`;
    const cp = openNamed(label, await readText(path.join(dir, "checkpoints", name), label));
    if (cp.size !== Number(size[1])) {
      fail(`${label}: tree size is ${cp.size}, not ${size[1]} as the file name says`, { file: label });
    }
    checkpoints.push(cp);
  }
  if (minWitnesses > 0) {
    const newest = checkpoints[checkpoints.length - 1];
    if (!newest) fail(`checkpoints/: no checkpoint, so none cosigned by ${minWitnesses} witness(es)`, { file: "checkpoints/" });
    requireCosignatures(newest.label, newest.text, witnesses, minWitnesses);
  }
  const external = (options.checkpoints ?? []).map(({ label, text }) => openNamed(label, text));
  const receipts = (options.receipts ?? []).map(({ label, text }) => {
    const r = within(label, () => verifyReceipt(text, trusted, origin));
    if (minWitnesses > 0) requireCosignatures(label, r.checkpoint.text, witnesses, minWitnesses);
    origin = r.checkpoint.origin;
    const { index, entryBytes, entry, checkpoint } = r;
    return { label, index, entryBytes, action: entry.action, size: checkpoint.size, root: checkpoint.root };
  });

  // Every signed tree head must be the root of the same-sized prefix of entries.jsonl: that single rule catches
  // edits, deletions, reordering and truncation, and makes all checkpoints mutually consistent.
  const targets = [...checkpoints, ...external, ...receipts].sort((a, b) => a.size - b.size);
  const scan = await scanEntries(path.join(dir, "entries.jsonl"), targets, receipts, options);
  if (scan.count > 0 && checkpoints.length === 0) {
    fail("checkpoints/: no signed checkpoint covers the entries", { file: "checkpoints/" });
  }
  if (scan.org !== null && origin !== undefined && !origin.endsWith(`/org/${scan.org}`)) {
    fail(`${targets[0].label}: origin ${origin} is not the log of org ${scan.org}`, { file: targets[0].label });
  }
  const latest = checkpoints.length > 0 ? checkpoints[checkpoints.length - 1].size : 0;
  return {
    entries: scan.count,
    org: scan.org,
    origin: origin ?? null,
    root: scan.root,
    checkpoints: checkpoints.map(({ label, size, verifiedBy, cosignedBy }) => ({ label, size, verifiedBy, cosignedBy })),
    latestCheckpointSize: latest,
    unsignedTail: scan.count - latest,
    externalCheckpoints: external.map(({ label, size }) => ({ label, size })),
    receipts: receipts.map(({ label, index, action, size }) => ({ label, index, action, size })),
    keys: trusted.map(({ name, keyId }) => ({ name, keyId })),
  };
}

// ─── Scanning entries.jsonl ───────────────────────────────────────────────────────────────────────────────────────
//
// A million entries must verify in seconds on a two-core machine, so the work is split: the checks that need only
// the line itself (UTF-8, JSON, canonical form, shape, seq, leaf hash) run on chunks of whole lines, in worker
// threads for big files; the checks that need the lines before (prev chain, tree, checkpoints) run in order on
// this thread. Both modes run the same two functions below.

/**
 * Checks the whole lines in `buf` (each ending in "\n"), the first being seq `firstSeq`. Returns the leaf hashes and
 * raw `prev` hashes of the first `count` lines, which passed, and the problem of line `count`, if any; `late`
 * problems come after the prev check in line order, so that line's prev and leaf are filled in too.
 */
function checkLines(buf, firstSeq, receiptBytes) {
  const ends = [];
  for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, nl + 1)) ends.push(nl);
  // allocUnsafeSlow: never the shared pool, so the buffers can be transferred from a worker.
  const leaves = Buffer.allocUnsafeSlow(32 * ends.length);
  const prevs = Buffer.allocUnsafeSlow(32 * ends.length);
  let org = null;
  let start = 0;
  for (let i = 0; i < ends.length; i += 1) {
    const end = ends[i];
    const seq = firstSeq + i;
    const bytes = buf.subarray(start, end);
    const stop = (error) => ({ count: i, leaves, prevs, org, error });
    if (bytes.length === 0) return stop({ message: "empty line" });
    let entry;
    try {
      entry = decodeEntry(bytes);
    } catch (e) {
      return stop({ message: e.message });
    }
    if (entry.seq !== seq) {
      const message = `seq ${entry.seq} where ${seq} was expected (an entry is missing, duplicated or out of order)`;
      return stop({ message });
    }
    prevs.write(entry.prev, 32 * i, "hex");
    // The leaf hash input is 0x00 || line. The byte before a line is the previous line's "\n", already checked, so
    // it is overwritten with 0x00 and the line hashed in place: copying a million lines costs more than hashing.
    if (start > 0) {
      buf[start - 1] = 0x00;
      leaves.set(sha256(buf.subarray(start - 1, end)), 32 * i);
    } else {
      leaves.set(leafHash(bytes), 32 * i);
    }
    if (org === null) org = entry.org;
    else if (entry.org !== org) {
      return stop({ message: `org ${entry.org} differs from org ${org} of seq ${firstSeq}`, late: true });
    }
    const receipt = receiptBytes.get(seq);
    if (receipt && !receipt.bytes.equals(bytes)) {
      const message = `${receipt.label}: entry differs from seq ${seq} in entries.jsonl (line ${seq + 1})`;
      return stop({ message, file: receipt.label, late: true });
    }
    start = end + 1;
  }
  return { count: ends.length, leaves, prevs, org, error: null };
}

const WORKER_FLAG = "yishiVerifyWorker";

/** Worker threads running checkLines; results come back as promises, in any order. */
function linePool(size, receipts) {
  const waiting = new Map();
  let nextId = 0;
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: {
        [WORKER_FLAG]: true,
        receipts: receipts.map((r) => ({ index: r.index, label: r.label, bytes: r.entryBytes })),
      },
    });
    worker.on("message", ({ id, result }) => {
      const job = waiting.get(id);
      waiting.delete(id);
      const asBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.length);
      job.resolve({ ...result, leaves: asBuffer(result.leaves), prevs: asBuffer(result.prevs) });
    });
    worker.on("error", (error) => {
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
    });
    return worker;
  });
  return {
    check(buf, firstSeq) {
      const id = nextId;
      nextId += 1;
      const promise = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
      workers[id % size].postMessage({ id, buf, firstSeq }, [buf.buffer]);
      return promise;
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

function countLines(buf) {
  let count = 0;
  for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, nl + 1)) count += 1;
  return count;
}

async function scanEntries(file, targets, receipts, options) {
  let handle;
  try {
    handle = await fs.promises.open(file, "r");
  } catch (e) {
    const why = e && e.code === "ENOENT" ? "missing file" : `cannot read (${e?.code})`;
    fail(`entries.jsonl: ${why}`, { file: "entries.jsonl" });
  }
  const receiptBytes = new Map(receipts.map((r) => [r.index, { label: r.label, bytes: r.entryBytes }]));
  const range = new CompactRange();
  let lastLeaf = Buffer.alloc(32); // what seq 0's prev must be: 64 zeros
  let seq = 0; // entries accepted so far
  let org = null;
  let next = 0; // first target not yet reached
  let good = { size: 0, label: null }; // the largest prefix a checkpoint has vouched for
  const at = (line, message) => {
    fail(`entries.jsonl line ${line}: ${message}`, { file: "entries.jsonl", line, seq: line - 1 });
  };

  const checkTargets = () => {
    while (next < targets.length && targets[next].size === seq) {
      const t = targets[next];
      if (!range.root().equals(t.root)) {
        const since = good.label ? ` (seq 0–${good.size - 1} match ${good.label})` : "";
        fail(`${t.label}: root hash does not match entries seq 0–${seq - 1}; ` + `an entry in seq ${good.size}–${seq - 1} was changed or reordered${since}`, {
          file: t.label,
          seq: good.size,
        });
      }
      if (t.size > good.size) good = t;
      next += 1;
    }
  };
  const consume = (firstSeq, result) => {
    const upTo = result.error?.late ? result.count + 1 : result.count;
    for (let j = 0; j < upTo; j += 1) {
      const s = firstSeq + j;
      if (!result.prevs.subarray(32 * j, 32 * j + 32).equals(lastLeaf)) {
        if (s === 0) at(1, "prev of seq 0 must be 64 zeros");
        // Either this line's prev or the line before was changed; name the earlier one, the likelier edit.
        fail(
          `entries.jsonl line ${s}: seq ${s - 1} does not hash to the prev recorded in seq ${s} (line ${s + 1}); ` +
            `entry seq ${s - 1} was altered, or seq ${s}'s prev was`,
          { file: "entries.jsonl", line: s, seq: s - 1 },
        );
      }
      if (j === 0 && org !== null && result.org !== null && result.org !== org) {
        at(s + 1, `org ${result.org} differs from org ${org} of seq 0`);
      }
      if (j === result.count) break; // a late problem on this line: report it below
      lastLeaf = result.leaves.subarray(32 * j, 32 * j + 32);
      range.push(lastLeaf);
      seq = s + 1;
      checkTargets();
    }
    if (org === null) org = result.org;
    if (result.error) {
      if (result.error.file) fail(result.error.message, { file: result.error.file, seq: firstSeq + result.count });
      at(firstSeq + result.count + 1, result.error.message);
    }
  };

  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const { size: fileBytes } = await handle.stat();
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const workerCount = options.workers ?? (fileBytes >= 4 * chunkBytes ? Math.min(4, cores) : 0);
  const pool = workerCount > 0 ? linePool(workerCount, receipts) : null;
  const pending = [];
  try {
    checkTargets();
    let carry = Buffer.alloc(0);
    let firstSeq = 0;
    for (;;) {
      // A fresh buffer per chunk (it is transferred to a worker); it starts with the previous chunk's partial line.
      const buf = Buffer.allocUnsafeSlow(Math.max(chunkBytes, 2 * carry.length));
      carry.copy(buf, 0);
      const { bytesRead } = await handle.read(buf, carry.length, buf.length - carry.length, null);
      if (bytesRead === 0) break;
      const filled = carry.length + bytesRead;
      const lastNewline = buf.lastIndexOf(10, filled - 1);
      carry = Buffer.from(buf.subarray(lastNewline + 1, filled));
      if (lastNewline < 0) continue; // a line longer than the buffer: read on
      const lines = buf.subarray(0, lastNewline + 1);
      if (pool === null) {
        const result = checkLines(lines, firstSeq, receiptBytes);
        consume(firstSeq, result);
        firstSeq += result.count;
        continue;
      }
      const count = countLines(lines); // before the buffer is handed over
      const job = { firstSeq, result: pool.check(lines, firstSeq) };
      job.result.catch(() => {}); // awaited in order below; never an unhandled rejection if we stop early
      pending.push(job);
      firstSeq += count;
      while (pending.length >= 2 * workerCount) {
        const done = pending.shift();
        consume(done.firstSeq, await done.result);
      }
    }
    for (const job of pending.splice(0)) consume(job.firstSeq, await job.result);
    if (carry.length > 0) at(seq + 1, "no newline at the end of the file (last line cut short?)");
  } finally {
    await handle.close();
    if (pool !== null) await pool.close();
  }
  if (next < targets.length) {
    const t = targets[next];
    fail(`${t.label}: tree size ${t.size} but entries.jsonl has only ${seq} entries; entries were removed from the end of the log`, {
      file: t.label,
      seq,
    });
  }
  return { count: seq, org, root: range.root() };
}

// ─── Archive packages (issue #23 item 4) ──────────────────────────────────────────────────────────────────────────
//
// A village archive package is one folder (zipped): the meeting's or matter's files, the audit bundle under audit/,
// metadata.xml (DA/T 48 style), self-check.json/.html (the four properties of DA/T 70) and manifest.json (every
// other file's SHA-256 and size). archiveSelfCheck computes the report from the files alone; the server writes it
// when packaging and `verify.mjs --archive` computes it again and compares, so the rules are written once, here.

export const ARCHIVE_FORMAT = "yishi-archive/1";
export const ARCHIVE_MANIFEST = "manifest.json";
export const ARCHIVE_METADATA = "metadata.xml";
export const ARCHIVE_REPORT = "self-check.json";
export const ARCHIVE_REPORT_HTML = "self-check.html";
/** Written after the self-check and covered by the manifest (the report cannot cover itself). */
const ARCHIVE_AFTER_CHECK = new Set([ARCHIVE_MANIFEST, ARCHIVE_METADATA, ARCHIVE_REPORT, ARCHIVE_REPORT_HTML]);

const sha256Hex = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");

let crcTable = null;
function crc32(bytes) {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The files of a .zip (stored or deflated; no zip64, no encryption), read from its central directory, each checked
 * against its CRC-32. Returns [name, bytes] pairs in the zip's order; folders are left out.
 */
export function readZip(buf, label = "zip") {
  const zlibInflate = (data, name) => {
    try {
      return zlib.inflateRawSync(data);
    } catch {
      return fail(`${label}: ${name}: cannot be decompressed (damaged zip)`, { file: name });
    }
  };
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i -= 1) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail(`${label}: not a zip file (no end of central directory)`, { file: label });
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) fail(`${label}: zip64 archives are not supported`, { file: label });
  const files = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) fail(`${label}: damaged central directory`, { file: label });
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    if (flags & 1) fail(`${label}: ${name}: encrypted entries are not supported`, { file: name });
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) fail(`${label}: ${name}: damaged local header`, { file: name });
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const stored = buf.subarray(start, start + compressedSize);
    let bytes;
    if (method === 0) bytes = Buffer.from(stored);
    else if (method === 8) bytes = zlibInflate(stored, name);
    else fail(`${label}: ${name}: compression method ${method} is not supported`, { file: name });
    if (bytes.length !== size || crc32(bytes) !== crc) fail(`${label}: ${name}: damaged in the zip (CRC or size does not match)`, { file: name });
    files.push([name, bytes]);
  }
  return files;
}

/** What can be read from a PDF's bytes without a PDF library: enough for an archive's usability check. */
export function pdfFacts(bytes) {
  const text = bytes.toString("latin1");
  const head = /^%PDF-(\d\.\d)/.exec(text.slice(0, 16));
  const tail = text.slice(-1024);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const xrefAt = startxref ? Number(startxref[1]) : -1;
  const opens = head !== null && startxref !== null && xrefAt > 0 && xrefAt < bytes.length && /^(xref|\d+ \d+ obj)/.test(text.slice(xrefAt, xrefAt + 20));
  const part = /<pdfaid:part>\s*(\d)\s*<\/pdfaid:part>/.exec(text);
  const conformance = /<pdfaid:conformance>\s*([ABUabu])\s*<\/pdfaid:conformance>/.exec(text);
  const descriptors = (text.match(/\/Type\s*\/FontDescriptor\b/g) ?? []).length;
  const fontFiles = (text.match(/\/FontFile[23]?\s+\d+\s+\d+\s+R/g) ?? []).length;
  const standard = [...new Set((text.match(/\/BaseFont\s*\/(Helvetica|Times|Courier|Symbol|ZapfDingbats)[A-Za-z-]*/g) ?? []).map((m) => m.split("/")[2]))];
  return {
    opens,
    version: head ? head[1] : null,
    pdfa: part ? `${part[1]}${conformance ? conformance[1].toLowerCase() : ""}` : null,
    outputIntent: /\/S\s*\/GTS_PDFA1\b/.test(text),
    fonts: descriptors,
    fontsEmbedded: fontFiles >= descriptors && standard.length === 0,
    unembedded: standard,
  };
}

// 18-digit 居民身份证号码 with a valid GB 11643 check digit, and mainland mobile numbers, in the clear. Not inside a
// longer run of letters and digits: hashes and ids are hex or base32 and hold such runs by chance.
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])/g;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function isIdNumber(s) {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return "10X98765432"[sum % 11] === s[17].toUpperCase();
}

/** Personal numbers in the clear in a text: 身份证号 (check digit valid) and mobile numbers. */
export function personalNumbers(text) {
  const ids = (text.match(ID_NUMBER) ?? []).filter(isIdNumber);
  const phones = text.replace(ID_NUMBER, "").match(MOBILE) ?? [];
  return { ids: ids.length, phones: phones.length };
}

const ARCHIVAL_EXTENSIONS = new Set(["pdf", "csv", "json", "jsonl", "xml", "html", "txt", "jpg", "jpeg", "png", "tif", "tiff"]);
const TEXT_EXTENSIONS = new Set(["csv", "json", "jsonl", "xml", "html", "txt"]);
const extensionOf = (name) => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? "").toLowerCase();
/** The audit bundle's own files: its verifier program and key files are not records but travel with them. */
const isBundleTool = (name) => name === "audit/verify.mjs" || name === "audit/vkey" || name === "audit/log.pub";

function jsonFile(files, name) {
  const bytes = files.get(name);
  if (!bytes) return null;
  try {
    return JSON.parse(UTF8.decode(bytes));
  } catch {
    return fail(`${name}: not valid UTF-8 JSON`, { file: name });
  }
}

async function listArchiveFiles(dir, prefix = "") {
  const out = [];
  for (const entry of await fs.promises.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listArchiveFiles(dir, rel)));
    else if (!entry.name.startsWith(".")) out.push(rel);
  }
  return out.sort();
}

const check = (id, status, zh, en) => ({ id, status, zh, en });
const worst = (checks) => (checks.some((c) => c.status === "fail") ? "fail" : checks.some((c) => c.status === "warn") ? "warn" : "pass");

/**
 * The four-property self-check (DA/T 70: 真实性、完整性、可用性、安全性) of an unpacked package folder, from its
 * files: the audit bundle under audit/, audit/scope.json (the entries of this meeting or matter), records/*.json
 * (what the record says each file is) and every other file. The report, metadata and manifest are not inputs.
 */
export async function archiveSelfCheck(dir) {
  const names = (await listArchiveFiles(dir)).filter((n) => !ARCHIVE_AFTER_CHECK.has(n));
  const files = new Map();
  for (const name of names) files.set(name, await fs.promises.readFile(path.join(dir, name)));
  const scope = jsonFile(files, "audit/scope.json") ?? { entries: [] };
  const minutes = jsonFile(files, "records/minutes.json") ?? { meetings: [] };
  const votes = jsonFile(files, "records/votes.json") ?? { motions: [] };
  const stored = jsonFile(files, "records/files.json") ?? { files: [] };

  // 真实性 — the audit log verifies, is signed (and witnessed), and the record's hashes are in it.
  const authenticity = [];
  let summary = null;
  try {
    summary = await verifyBundle(path.join(dir, "audit"), { workers: 0 });
    authenticity.push(
      check(
        "audit.verifies",
        "pass",
        `审计日志校验通过：${summary.entries} 条，${summary.checkpoints.length} 个签名检查点`,
        `audit log verifies: ${summary.entries} entries, ${summary.checkpoints.length} signed checkpoints`,
      ),
    );
  } catch (e) {
    authenticity.push(check("audit.verifies", "fail", `审计日志校验未通过：${oneLine(e)}`, `audit log does not verify: ${oneLine(e)}`));
  }
  const scoped = scope.entries ?? [];
  const maxSeq = scoped.reduce((m, e) => Math.max(m, e.seq), -1);
  if (summary) {
    const covered = maxSeq < summary.latestCheckpointSize;
    authenticity.push(
      covered
        ? check(
            "audit.signed",
            "pass",
            `本卷 ${scoped.length} 条审计记录均在签名检查点（${summary.latestCheckpointSize} 条）之内`,
            `all ${scoped.length} entries of this package are covered by the signed checkpoint (size ${summary.latestCheckpointSize})`,
          )
        : check("audit.signed", "warn", `部分审计记录尚未被签名检查点覆盖`, `some entries of this package are not yet covered by a signed checkpoint`),
    );
    const last = summary.checkpoints[summary.checkpoints.length - 1];
    const witnesses = last?.cosignedBy?.length ?? 0;
    // verifyBundle checks cosignatures only against keys given to it; count the cosignature lines of the newest note.
    const lines = last ? (await fs.promises.readFile(path.join(dir, "audit", last.label), "utf8")).split("\n").filter((l) => l.startsWith("— ")).length : 0;
    const cosigned = Math.max(witnesses, lines - (last?.verifiedBy.length ?? 0));
    authenticity.push(
      cosigned > 0
        ? check("audit.witnessed", "pass", `最新检查点有 ${cosigned} 个见证方联署`, `the newest checkpoint carries ${cosigned} witness cosignature(s)`)
        : check(
            "audit.witnessed",
            "warn",
            "最新检查点没有见证方联署（未配置见证方）",
            "the newest checkpoint has no witness cosignature (no witness configured)",
          ),
    );
  }
  const entryText = [];
  const entriesBytes = files.get("audit/entries.jsonl") ?? Buffer.alloc(0);
  const lines = entriesBytes.toString("utf8").split("\n");
  for (const e of scoped) if (lines[e.seq] !== undefined) entryText.push(lines[e.seq]);
  const anchoredText = entryText.join("\n");
  const recordHashes = [
    ...(minutes.meetings ?? []).flatMap((m) => (m.versions ?? []).map((v) => v.sha256)),
    ...(stored.files ?? []).filter((f) => f.recordedSha256).map((f) => f.recordedSha256),
  ];
  const unanchored = recordHashes.filter((h) => !anchoredText.includes(h));
  authenticity.push(
    unanchored.length === 0
      ? check(
          "records.anchored",
          "pass",
          `会议记录和上传文件的 ${recordHashes.length} 个哈希都写在本卷的审计记录里`,
          `all ${recordHashes.length} hashes of minutes and uploaded files are in this package's audit entries`,
        )
      : check(
          "records.anchored",
          "warn",
          `${unanchored.length} 个文件哈希不在本卷的审计记录里`,
          `${unanchored.length} file hashes are not in this package's audit entries`,
        ),
  );

  // 完整性 — every entry of this meeting or matter is in the bundle; every stored file is the one recorded.
  const integrity = [];
  const missingEntries = scoped.filter(
    (e) => lines[e.seq] === undefined || lines[e.seq] === "" || leafHash(Buffer.from(lines[e.seq], "utf8")).toString("hex") !== e.leafHash,
  );
  integrity.push(
    missingEntries.length === 0
      ? check(
          "audit.scope",
          "pass",
          `本卷的 ${scoped.length} 条审计记录齐全、未改动`,
          `all ${scoped.length} audit entries of this package are present and unchanged`,
        )
      : check(
          "audit.scope",
          "fail",
          `审计记录第 ${missingEntries.map((e) => e.seq).join("、")} 条缺失或不符`,
          `audit entries seq ${missingEntries.map((e) => e.seq).join(", ")} are missing or differ`,
        ),
  );
  const badFiles = (stored.files ?? []).filter((f) => !files.has(f.path) || (f.recordedSha256 && sha256Hex(files.get(f.path)) !== f.recordedSha256));
  const uploads = (stored.files ?? []).filter((f) => f.recordedSha256).length;
  integrity.push(
    badFiles.length === 0
      ? check(
          "files.recorded",
          "pass",
          `${(stored.files ?? []).length} 个记录文件齐全，其中 ${uploads} 个上传文件与上传时记录的哈希一致`,
          `all ${(stored.files ?? []).length} record files are present; ${uploads} uploaded files match the hash recorded at upload`,
        )
      : check(
          "files.recorded",
          "fail",
          `文件缺失或与记录不符：${badFiles.map((f) => f.path).join("、")}`,
          `missing or different from the record: ${badFiles.map((f) => f.path).join(", ")}`,
        ),
  );
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  integrity.push(check("files.count", "pass", `检测时共 ${files.size} 个文件，${bytes} 字节`, `${files.size} files, ${bytes} bytes when checked`));

  // 可用性 — PDFs open, are PDF/A with embedded fonts; formats are archival; text is UTF-8.
  const usability = [];
  const generated = new Set((stored.files ?? []).filter((f) => f.generated).map((f) => f.path));
  const pdfs = names.filter((n) => extensionOf(n) === "pdf");
  const pdfProblems = { open: [], pdfa: [], fonts: [], uploadedNotPdfa: [] };
  for (const name of pdfs) {
    const facts = pdfFacts(files.get(name));
    if (!facts.opens) pdfProblems.open.push(name);
    const isPdfa = facts.pdfa !== null && facts.outputIntent;
    if (generated.has(name) && !isPdfa) pdfProblems.pdfa.push(name);
    if (!generated.has(name) && !isPdfa) pdfProblems.uploadedNotPdfa.push(name);
    if (!facts.fontsEmbedded && generated.has(name)) pdfProblems.fonts.push(name);
  }
  usability.push(
    pdfProblems.open.length === 0
      ? check(
          "pdf.opens",
          "pass",
          `${pdfs.length} 个 PDF 结构完整（文件头、交叉引用表、结尾标记）`,
          `${pdfs.length} PDFs are well-formed (header, cross-reference table, end marker)`,
        )
      : check("pdf.opens", "fail", `无法打开：${pdfProblems.open.join("、")}`, `cannot be opened: ${pdfProblems.open.join(", ")}`),
  );
  usability.push(
    pdfProblems.pdfa.length === 0
      ? check(
          "pdf.pdfa",
          "pass",
          `系统生成的 ${generated.size} 个 PDF 均标记为 PDF/A（XMP pdfaid 与 sRGB 输出意图）`,
          `all ${generated.size} generated PDFs are flagged PDF/A (XMP pdfaid and an sRGB OutputIntent)`,
        )
      : check("pdf.pdfa", "fail", `不是 PDF/A：${pdfProblems.pdfa.join("、")}`, `not PDF/A: ${pdfProblems.pdfa.join(", ")}`),
  );
  if (pdfProblems.uploadedNotPdfa.length > 0) {
    usability.push(
      check(
        "pdf.uploaded",
        "warn",
        `上传的原件不是 PDF/A，按原样保存：${pdfProblems.uploadedNotPdfa.join("、")}`,
        `uploaded originals are not PDF/A and are kept as uploaded: ${pdfProblems.uploadedNotPdfa.join(", ")}`,
      ),
    );
  }
  usability.push(
    pdfProblems.fonts.length === 0
      ? check("pdf.fonts", "pass", "系统生成的 PDF 字体全部嵌入", "every font of the generated PDFs is embedded")
      : check("pdf.fonts", "fail", `字体未嵌入：${pdfProblems.fonts.join("、")}`, `fonts not embedded: ${pdfProblems.fonts.join(", ")}`),
  );
  const odd = names.filter((n) => !ARCHIVAL_EXTENSIONS.has(extensionOf(n)) && !isBundleTool(n));
  usability.push(
    odd.length === 0
      ? check("formats", "pass", "格式均为归档格式（PDF/A、UTF-8 的 CSV/JSON/XML、JPEG/PNG）", "every format is archival (PDF/A, UTF-8 CSV/JSON/XML, JPEG/PNG)")
      : check("formats", "warn", `非常用归档格式，按原样保存：${odd.join("、")}`, `not a usual archival format, kept as uploaded: ${odd.join(", ")}`),
  );
  const texts = names.filter((n) => TEXT_EXTENSIONS.has(extensionOf(n)));
  const notUtf8 = texts.filter((n) => !isUtf8(files.get(n)));
  usability.push(
    notUtf8.length === 0
      ? check("text.utf8", "pass", `${texts.length} 个文本文件均为 UTF-8 编码`, `${texts.length} text files are UTF-8`)
      : check("text.utf8", "fail", `不是 UTF-8：${notUtf8.join("、")}`, `not UTF-8: ${notUtf8.join(", ")}`),
  );

  // 安全性 — no personal numbers in the clear, secret ballots unlinked, signatures present.
  const security = [];
  const exposed = [];
  for (const name of texts) {
    const found = personalNumbers(files.get(name).toString("utf8"));
    if (found.ids > 0 || found.phones > 0) exposed.push(`${name}（身份证号 ${found.ids}，手机号 ${found.phones}）`);
  }
  security.push(
    exposed.length === 0
      ? check("personal.masked", "pass", "文本文件中没有明文身份证号或手机号", "no identity card or mobile number in the clear in any text file")
      : check("personal.masked", "fail", `含明文个人号码：${exposed.join("、")}`, `personal numbers in the clear: ${exposed.join(", ")}`),
  );
  const linked = (votes.motions ?? []).filter((m) => m.method === "secret" && (m.namedVotes ?? []).length > 0);
  security.push(
    linked.length === 0
      ? check(
          "ballots.secret",
          "pass",
          "无记名投票只有投票凭证码，没有投票人与选择的对应",
          "secret ballots carry trackers only: no voter is linked to a choice",
        )
      : check(
          "ballots.secret",
          "fail",
          `无记名投票出现了记名：${linked.map((m) => m.id).join("、")}`,
          `secret ballots with named votes: ${linked.map((m) => m.id).join(", ")}`,
        ),
  );
  const unsigned = [];
  const missingScans = [];
  for (const meeting of minutes.meetings ?? []) {
    const latest = (meeting.versions ?? [])[meeting.versions.length - 1];
    if (!latest) continue;
    const signed = new Set((latest.signatures ?? []).map((s) => s.personId));
    const missing = (meeting.required ?? []).filter((r) => !signed.has(r.personId));
    if (missing.length > 0) unsigned.push(`${meeting.number}（${missing.length}）`);
    for (const s of latest.signatures ?? [])
      if (s.method === "paper" && !(s.scanPath && files.has(s.scanPath))) missingScans.push(`${meeting.number} ${s.name}`);
  }
  security.push(
    unsigned.length === 0 && (minutes.meetings ?? []).length > 0
      ? check("signatures.present", "pass", "会议记录最新版本已由全部应签人签名", "the latest minutes are signed by everyone who must sign")
      : check(
          "signatures.present",
          "warn",
          unsigned.length > 0 ? `会议记录尚有人未签名：${unsigned.join("、")}` : "本卷没有会议记录",
          unsigned.length > 0 ? `minutes still missing signatures: ${unsigned.join(", ")}` : "no minutes in this package",
        ),
  );
  security.push(
    missingScans.length === 0
      ? check("signatures.scans", "pass", "纸质签名的扫描件都在本卷中", "every paper signature's scan is in the package")
      : check("signatures.scans", "fail", `缺少纸质签名扫描件：${missingScans.join("、")}`, `paper signature scans missing: ${missingScans.join(", ")}`),
  );

  const property = (id, zh, checks) => ({ id, zh, status: worst(checks), checks });
  return {
    format: "yishi-archive-selfcheck/1",
    properties: [
      property("authenticity", "真实性", authenticity),
      property("integrity", "完整性", integrity),
      property("usability", "可用性", usability),
      property("security", "安全性", security),
    ],
  };
}

const xmlText = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The file list of metadata.xml: [{path, sha256, size}] from its <文件> elements. */
export function metadataFileList(xml) {
  const out = [];
  for (const m of xml.matchAll(/<文件\s+路径="([^"]*)"\s+大小="(\d+)"\s+SHA256="([0-9a-f]{64})"\s*\/>/g)) {
    const unescapeXml = (s) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&gt;/g, ">")
        .replace(/&lt;/g, "<")
        .replace(/&amp;/g, "&");
    out.push({ path: unescapeXml(m[1]), size: Number(m[2]), sha256: m[3] });
  }
  return out;
}
export { xmlText as archiveXmlText };

/**
 * Rechecks an archive package (a .zip or its unpacked folder): manifest hashes and sizes, no file left out of the
 * manifest, metadata.xml's file list against the files, the embedded audit bundle, and the self-check report's
 * claims against a fresh self-check. Throws VerifyError naming the first changed or missing file.
 */
export async function verifyArchive(target) {
  const stat = await fs.promises.stat(target).catch(() => null);
  if (!stat) fail(`${target}: missing file`, { file: target });
  let dir = target;
  let temp = null;
  if (!stat.isDirectory()) {
    const entries = readZip(await fs.promises.readFile(target), path.basename(target));
    const tops = new Set(entries.map(([name]) => name.split("/")[0]));
    if (tops.size !== 1) fail(`${path.basename(target)}: expected one top folder in the zip`, { file: target });
    temp = await fs.promises.mkdtemp(path.join(os.tmpdir(), "yishi-archive-"));
    for (const [name, bytes] of entries) {
      const out = path.resolve(temp, name);
      if (!out.startsWith(temp + path.sep) || name.includes("\\")) fail(`${name}: path escapes the package`, { file: name });
      await fs.promises.mkdir(path.dirname(out), { recursive: true });
      await fs.promises.writeFile(out, bytes);
    }
    dir = path.join(temp, [...tops][0]);
  }
  try {
    return await verifyArchiveFolder(dir);
  } finally {
    if (temp !== null) await fs.promises.rm(temp, { recursive: true, force: true });
  }
}

async function verifyArchiveFolder(dir) {
  const manifestText = await readText(path.join(dir, ARCHIVE_MANIFEST), ARCHIVE_MANIFEST);
  const manifest = within(ARCHIVE_MANIFEST, () => {
    const value = JSON.parse(manifestText);
    if (value?.format !== ARCHIVE_FORMAT || !Array.isArray(value.files)) throw new Error(`not a ${ARCHIVE_FORMAT} manifest`);
    return value;
  });
  const present = new Set(await listArchiveFiles(dir));
  const listed = new Set();
  for (const f of manifest.files) {
    if (typeof f?.path !== "string" || !/^[0-9a-f]{64}$/.test(f.sha256) || !Number.isSafeInteger(f.size))
      fail(`${ARCHIVE_MANIFEST}: malformed file row`, { file: ARCHIVE_MANIFEST });
    listed.add(f.path);
    if (!present.has(f.path)) fail(`${f.path}: missing (listed in ${ARCHIVE_MANIFEST})`, { file: f.path });
    const bytes = await fs.promises.readFile(path.join(dir, f.path));
    if (bytes.length !== f.size || sha256Hex(bytes) !== f.sha256)
      fail(`${f.path}: changed (its SHA-256 or size differs from ${ARCHIVE_MANIFEST})`, { file: f.path });
  }
  for (const name of present) {
    if (name !== ARCHIVE_MANIFEST && !listed.has(name)) fail(`${name}: not listed in ${ARCHIVE_MANIFEST} (added after packaging?)`, { file: name });
  }
  const xml = await readText(path.join(dir, ARCHIVE_METADATA), ARCHIVE_METADATA);
  const xmlFiles = metadataFileList(xml);
  const xmlByPath = new Map(xmlFiles.map((f) => [f.path, f]));
  for (const f of manifest.files) {
    if (f.path === ARCHIVE_METADATA) continue;
    const row = xmlByPath.get(f.path);
    if (!row) fail(`${ARCHIVE_METADATA}: file list lacks ${f.path}`, { file: ARCHIVE_METADATA });
    if (row.sha256 !== f.sha256 || row.size !== f.size)
      fail(`${ARCHIVE_METADATA}: ${f.path} has another SHA-256 or size than ${ARCHIVE_MANIFEST}`, { file: ARCHIVE_METADATA });
  }
  for (const f of xmlFiles) if (!listed.has(f.path)) fail(`${ARCHIVE_METADATA}: lists ${f.path}, which is not in the package`, { file: ARCHIVE_METADATA });
  const audit = await verifyBundle(path.join(dir, "audit"), {}).catch((e) => {
    if (e instanceof VerifyError) fail(`audit/${e.file ?? ""}: ${e.message}`, { file: `audit/${e.file ?? ""}`, seq: e.seq });
    throw e;
  });
  const claimed = within(ARCHIVE_REPORT, () => JSON.parse(fs.readFileSync(path.join(dir, ARCHIVE_REPORT), "utf8")));
  const fresh = await archiveSelfCheck(dir);
  const claims = new Map((claimed.properties ?? []).flatMap((p) => (p.checks ?? []).map((c) => [c.id, c.status])));
  for (const p of fresh.properties) {
    for (const c of p.checks) {
      if (c.id === "files.count") continue;
      if (claims.get(c.id) !== c.status) {
        fail(`${ARCHIVE_REPORT}: ${p.zh} check ${c.id} claims ${claims.get(c.id) ?? "nothing"} but is ${c.status} now: ${c.en}`, { file: ARCHIVE_REPORT });
      }
    }
  }
  for (const p of fresh.properties) {
    const failed = p.checks.find((c) => c.status === "fail");
    if (failed) fail(`${ARCHIVE_REPORT}: ${p.zh} (${p.id}) fails: ${failed.zh} / ${failed.en}`, { file: ARCHIVE_REPORT });
  }
  return { files: manifest.files.length, audit, report: fresh };
}

function printArchive(s, out) {
  out("OK: archive package verified / 档案包校验通过");
  out(`files        ${s.files}, each matching manifest.json and metadata.xml`);
  out(`audit log    ${s.audit.entries} entries, ${s.audit.checkpoints.length} signed checkpoints`);
  for (const p of s.report.properties) {
    const word = { pass: "通过 pass", warn: "提示 warn", fail: "不通过 fail" }[p.status];
    out(`${p.zh.padEnd(6, "　")}${p.id.padEnd(15)}${word}`);
    for (const c of p.checks) if (c.status !== "pass") out(`             ${c.status}: ${c.zh} / ${c.en}`);
  }
}

// ─── Command line ─────────────────────────────────────────────────────────────────────────────────────────────────

const USAGE = `usage: node verify.mjs [--checkpoint FILE]... [--receipt FILE]... [--vkey FILE] [--origin ORIGIN]
                         [--witness VKEY]... [--min-witnesses N] DIR
       node verify.mjs --receipt FILE --vkey FILE [--witness VKEY]... [--min-witnesses N]
       node verify.mjs --certificate FILE [--key VKEY] [--witness VKEY]... [--min-witnesses N]
       node verify.mjs --archive PACKAGE.zip   (a village archive package: manifest, metadata.xml, audit bundle, self-check)
  --certificate FILE  a decision certificate (决议凭证, JSON from /c/<code>): checks that the decision and every field
                      it states are in the organization's signed log; exit 1 names the field or check that failed
  --key VKEY          the organization's log key (vkey text or file); without it the certificate's own key is used
  --witness VKEY      a witness's verifier key (or a file of them, one per line); its cosignatures are checked
  --min-witnesses N   the newest checkpoint (and each receipt) needs N of those cosignatures (default 1 with --witness)`;

function parseArgs(argv) {
  const args = {
    dir: null,
    checkpoints: [],
    receipts: [],
    vkey: null,
    origin: undefined,
    help: false,
    witnesses: [],
    minWitnesses: null,
    certificate: null,
    key: null,
    archive: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") args.help = true;
    else if (arg === "--archive") {
      const value = argv[(i += 1)];
      if (value === undefined) throw new Error("--archive needs a package (.zip or folder)");
      args.archive = value;
    } else if (arg === "--witness" || arg === "--min-witnesses") {
      const value = argv[(i += 1)];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === "--witness") args.witnesses.push(value);
      else if (!/^(0|[1-9][0-9]{0,3})$/.test(value)) throw new Error("--min-witnesses needs a whole number");
      else args.minWitnesses = Number(value);
    } else if (arg === "--certificate" || arg === "--key") {
      const value = argv[(i += 1)];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === "--certificate") args.certificate = value;
      else args.key = value;
    } else if (["--checkpoint", "--receipt", "--vkey", "--origin"].includes(arg)) {
      const value = argv[(i += 1)];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === "--checkpoint") args.checkpoints.push(value);
      else if (arg === "--receipt") args.receipts.push(value);
      else if (arg === "--vkey") args.vkey = value;
      else args.origin = value;
    } else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else if (args.dir === null) args.dir = arg;
    else throw new Error("only one bundle directory");
  }
  if (args.minWitnesses !== null && args.minWitnesses > 0 && args.witnesses.length === 0) {
    throw new Error("--min-witnesses needs the witnesses' keys: --witness VKEY");
  }
  const isReceiptOnly = args.receipts.length > 0 && args.vkey !== null;
  if (args.key !== null && args.certificate === null) throw new Error("--key goes with --certificate");
  if (args.certificate !== null && (args.dir !== null || args.receipts.length > 0)) throw new Error("--certificate is checked on its own");
  if (args.archive !== null && args.dir !== null) throw new Error("--archive takes the package; no bundle directory besides it");
  if (!args.help && args.dir === null && !isReceiptOnly && args.certificate === null && args.archive === null) throw new Error("no bundle directory");
  return args;
}

const hex = (b) => b.toString("hex");
const oneLine = (e) => String(e?.message ? e.message : e).replace(/[\r\n]+/g, " ");
const keyLabel = (k) => `${k.name}+${formatKeyId(k.keyId)}`;

function printSummary(s, out) {
  const last = s.checkpoints[s.checkpoints.length - 1];
  out(`OK: audit log verified / 审计日志校验通过`);
  out(`entries      ${s.entries}${s.entries > 0 ? ` (seq 0–${s.entries - 1}), org ${s.org}` : ""}`);
  if (s.origin) out(`origin       ${s.origin}`);
  const latest = last ? `, latest size ${last.size}, signed by ${last.verifiedBy.map(keyLabel).join(", ")}` : "";
  out(`checkpoints  ${s.checkpoints.length}${latest}`);
  const witnessed = s.checkpoints.filter((c) => c.cosignedBy && c.cosignedBy.length > 0);
  for (const c of witnessed) {
    const by = c.cosignedBy.map((w) => `${keyLabel(w)} at ${new Date(w.timestamp * 1000).toISOString()}`).join(", ");
    out(`witnessed    ${c.label} by ${by}`);
  }
  out(`root         ${s.root.toString("base64")} (hex ${hex(s.root)})`);
  for (const c of s.externalCheckpoints) out(`matches      ${c.label} (size ${c.size})`);
  for (const r of s.receipts) out(`receipt      ${r.label}: seq ${r.index} (${r.action}) is in the log`);
  if (s.unsignedTail > 0) out(`note         the last ${s.unsignedTail} entries are not yet covered by a checkpoint`);
}

/** --witness values: a vkey, or a file of vkeys (one per line, # comments). */
async function readWitnessKeys(values) {
  const keys = [];
  for (const value of values) {
    const isFile = !value.includes("+") || fs.existsSync(value);
    const lines = isFile ? (await readText(value, value)).split("\n") : [value];
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) return;
      const label = isFile ? `${value} line ${i + 1}` : "--witness";
      keys.push(within(label, () => parseWitnessVkey(line)));
    });
  }
  return keys;
}

const yuan = (fen) => {
  const f = BigInt(fen);
  const cents = f % 100n;
  return `${(f / 100n).toLocaleString("en-US")}${cents === 0n ? "" : `.${String(cents).padStart(2, "0")}`}`;
};

/** --certificate: verifies the file and says in words what it proves. */
async function verifyCertificateFile(args, witnesses, minWitnesses, out) {
  const label = args.certificate;
  const text = await readText(label, label);
  let keys;
  if (args.key !== null) {
    const isFile = !args.key.includes("+") || fs.existsSync(args.key);
    const keyText = isFile ? await readText(args.key, args.key) : args.key;
    keys = within("--key", () => parseVkeys(keyText));
  }
  let v;
  try {
    v = verifyCertificate(text, keys, { origin: args.origin });
  } catch (e) {
    if (e instanceof VerifyError) {
      const error = new VerifyError(`${label}: ${e.message}${e.field ? ` [${e.field}]` : ""}`, { file: label });
      error.field = e.field;
      throw error;
    }
    throw e;
  }
  const proofs = [v.decision, ...(v.plan ? [v.plan] : [])];
  const cosigned = witnesses.length > 0 ? proofs.map((p) => requireCosignatures(label, p.checkpoint.text, witnesses, minWitnesses)) : [];
  const s = v.statement;
  const { origin, size, verifiedBy } = v.decision.checkpoint;
  out(`OK: decision certificate verified / 决议凭证核验通过`);
  out(`decision     ${s.code}: ${s.motion}`);
  out(`matter       ${s.matter} (${s.matterKind})`);
  out(`by           ${s.org}, ${s.body} (${s.bodyKind}), meeting ${s.meetingNumber} ${s.meetingTitle} on ${s.meetingDate}, announced ${s.decidedOn}`);
  out(`vote         passed: ${s.yes} yes, ${s.no} no, ${s.abstain} abstain; rule for ${s.ruleBody}/${s.ruleKind} needed ${s.needed} yes`);
  out(
    `amount cap   ${s.capFen === undefined || s.capFen === null ? (v.plan ? "none decided" : "no implementation plan on record yet") : `${yuan(s.capFen)} yuan`}`,
  );
  out(
    `proves       the decision.certified entry seq ${v.decision.index}${v.plan ? ` and the implementation.planned entry seq ${v.plan.index}` : ""} are in ${origin} at size ${size}, signed by ${verifiedBy.map(keyLabel).join(", ")}, and every field above matches their bytes`,
  );
  for (const c of cosigned.flat()) out(`witnessed    by ${keyLabel(c)} at ${new Date(c.timestamp * 1000).toISOString()}`);
  if (v.keyFromCertificate)
    out("note         checked with the key inside the certificate; pass --key with the organization's published key to know it is theirs");
}

/** The command-line program; returns the exit code (0 ok, 1 verification failed, 2 usage or internal error). */
export async function main(argv, out = (line) => process.stdout.write(`${line}\n`), err = (line) => process.stderr.write(`${line}\n`)) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    err(`verify.mjs: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  try {
    if (args.archive !== null) {
      printArchive(await verifyArchive(args.archive), out);
      return 0;
    }
    const named = async (file) => ({ label: file, text: await readText(file, file) });
    const witnesses = await readWitnessKeys(args.witnesses);
    const minWitnesses = args.minWitnesses ?? (witnesses.length > 0 ? 1 : 0);
    const trustedVkeys = args.vkey === null ? undefined : await named(args.vkey);
    const receipts = await Promise.all(args.receipts.map(named));
    if (args.certificate !== null) {
      await verifyCertificateFile(args, witnesses, minWitnesses, out);
      return 0;
    }
    if (args.dir === null) {
      const keys = within(trustedVkeys.label, () => parseVkeys(trustedVkeys.text));
      for (const r of receipts) {
        const v = within(r.label, () => verifyReceipt(r.text, keys, args.origin));
        const { origin, size, verifiedBy } = v.checkpoint;
        const cosigned = witnesses.length > 0 ? requireCosignatures(r.label, v.checkpoint.text, witnesses, minWitnesses) : [];
        const signers = verifiedBy.map(keyLabel).join(", ");
        const by = cosigned.length > 0 ? `, cosigned by ${cosigned.map(keyLabel).join(", ")}` : "";
        out(`OK: ${r.label}: seq ${v.index} (${v.entry.action}) is in ${origin} at size ${size}, signed by ${signers}${by}`);
      }
      return 0;
    }
    const checkpoints = await Promise.all(args.checkpoints.map(named));
    printSummary(await verifyBundle(args.dir, { trustedVkeys, checkpoints, receipts, origin: args.origin, witnesses, minWitnesses }), out);
    return 0;
  } catch (e) {
    if (e instanceof VerifyError) {
      err(`FAIL: ${e.message}`);
      return 1;
    }
    err(`verify.mjs: internal error: ${oneLine(e)}`);
    return 2;
  }
}

function isMain() {
  try {
    const script = process.argv[1];
    return isMainThread && script !== undefined && import.meta.url === pathToFileURL(fs.realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  // Last-resort guards so that nothing ever ends in a stack trace: a closed pipe (`| head`) ends quietly, anything
  // else unexpected is one line and exit code 2.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => process.exit(process.exitCode ?? 0));
  process.on("uncaughtException", (e) => {
    process.stderr.write(`verify.mjs: internal error: ${oneLine(e)}\n`);
    process.exit(2);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}

// A worker thread of linePool: the same module, answering checkLines requests.
if (!isMainThread && workerData && workerData[WORKER_FLAG]) {
  const receipts = workerData.receipts.map((r) => [r.index, { label: r.label, bytes: Buffer.from(r.bytes) }]);
  const receiptBytes = new Map(receipts);
  parentPort.on("message", ({ id, buf, firstSeq }) => {
    const result = checkLines(Buffer.from(buf.buffer, buf.byteOffset, buf.length), firstSeq, receiptBytes);
    parentPort.postMessage({ id, result }, [result.leaves.buffer, result.prevs.buffer]);
  });
}
