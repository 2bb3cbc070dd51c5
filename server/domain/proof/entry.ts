/**
 * The v1 audit entry rules (DESIGN.md §6) for the browser: RFC 8785 canonical JSON and the entry's shape. Mirrors
 * decodeEntry / entryProblem / canonicalJson in server/audit/verify.mjs; entry.test.ts checks both agree.
 */
import { utf8Text } from "./bytes";

export type EntryJson = null | boolean | number | string | EntryJson[] | { [key: string]: EntryJson };

export interface VerifiedEntry {
  v: 1;
  seq: number;
  prev: string;
  ts: string;
  org: string;
  meeting: string | null;
  actor: { id: string; role: string; name: string } | null;
  action: string;
  object: { type: string; id: string };
  data: { [key: string]: EntryJson };
}

class NotCanonical extends Error {}

const isWellFormed = (s: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** RFC 8785 form of a value JSON.parse returned; throws on lone surrogates and non-finite numbers. */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      if (!isWellFormed(value)) throw new NotCanonical("lone surrogate");
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new NotCanonical("not a finite number");
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      return `{${keys.map((key) => `${canonicalJson(key)}:${canonicalJson(record[key])}`).join(",")}}`;
    }
    default:
      throw new NotCanonical(`a ${typeof value} is not JSON`);
  }
}

const ENTRY_KEYS = ["action", "actor", "data", "meeting", "object", "org", "prev", "seq", "ts", "v"];
const TS_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?Z$/;
const ACTION_RE = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
const HEX64_RE = /^[0-9a-f]{64}$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const hasExactKeys = (o: Record<string, unknown>, keys: string[]): boolean => {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(o, k));
};

function jsonIsPlain(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "boolean" || value === null) return true;
  if (typeof value === "number") return Number.isSafeInteger(value);
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every(jsonIsPlain);
}

/** Is `entry` a v1 audit entry by shape (the chain fields are not checked here)? */
export function isEntryShape(entry: unknown): entry is VerifiedEntry {
  if (!isPlainObject(entry) || !hasExactKeys(entry, ENTRY_KEYS)) return false;
  if (entry.v !== 1 || !Number.isSafeInteger(entry.seq) || (entry.seq as number) < 0) return false;
  if (typeof entry.prev !== "string" || !HEX64_RE.test(entry.prev)) return false;
  if (typeof entry.ts !== "string" || !TS_RE.test(entry.ts)) return false;
  if (!isText(entry.org) || (entry.meeting !== null && !isText(entry.meeting))) return false;
  const a = entry.actor;
  if (a !== null) {
    if (!isPlainObject(a) || !hasExactKeys(a, ["id", "name", "role"])) return false;
    if (!isText(a.id) || !isText(a.role) || typeof a.name !== "string") return false;
  }
  if (typeof entry.action !== "string" || !ACTION_RE.test(entry.action)) return false;
  const o = entry.object;
  if (!isPlainObject(o) || !hasExactKeys(o, ["id", "type"]) || !isText(o.type) || !isText(o.id)) return false;
  return isPlainObject(entry.data) && jsonIsPlain(entry.data);
}

/** The entry these exact bytes encode, or null unless they are the canonical UTF-8 JSON of a v1 entry. */
export function decodeEntryBytes(bytes: Uint8Array): VerifiedEntry | null {
  const text = utf8Text(bytes);
  if (text === null) return null;
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isEntryShape(entry)) return null;
  try {
    return canonicalJson(entry) === text ? entry : null;
  } catch {
    return null;
  }
}
