/**
 * Audit entries and their exact bytes (DESIGN.md §6). An entry is serialized once, with RFC 8785 (JCS) canonical
 * JSON, and those bytes are what is stored, hashed, exported and verified — never a re-serialization (JSONB
 * reorders keys). The shape rules live in verify.mjs (`entryProblem`) so that the server can never write an entry
 * the offline verifier would reject.
 */
import canonicalize from "canonicalize";
import type { JsonValue } from "./verify.mjs";
import { decodeEntry, entryProblem, leafHash, ZERO_HASH_HEX } from "./verify.mjs";

export type { JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The closed list of things the log records. Adding one is a code change, reviewed like a schema change. */
export const AUDIT_ACTIONS = [
  "org.created",
  "org.updated",
  "household.created",
  "household.updated",
  "household.deleted",
  "person.created",
  "person.updated",
  "person.deleted",
  "account.created",
  "account.password_set",
  "account.password_reset",
  "account.sessions_revoked",
  "account.disabled",
  "login.token_issued",
  "body.created",
  "body.updated",
  "roster.updated",
  "officer.assigned",
  "matter.raised",
  "matter.moved",
  "meeting.scheduled",
  "meeting.updated",
  "meeting.opened",
  "meeting.adjourned",
  "attendance.recorded",
  "quorum.checked",
  "agenda.item.added",
  "agenda.item.started",
  "speaker.requested",
  "speaker.granted",
  "recusal.declared",
  "vote.opened",
  "vote.cast",
  "vote.changed",
  "ballot.cast",
  "vote.totals_entered",
  "vote.totals_confirmed",
  "vote.closed",
  "vote.result",
  "decision.certified",
  "minutes.snapshot",
  "minutes.signed",
  "minutes.corrected",
  "minutes.assist_requested",
  "minutes.witnessed",
  "notice.published",
  "objection.filed",
  "objection.replied",
  "supervision.opinion",
  "entry.corrected",
  "key.rotated",
  "checkpoint.signed",
  "roster.imported",
  "role.granted",
  "role.revoked",
  "login.token_redeemed",
  "agenda.item.updated",
  "agenda.item.removed",
  "material.uploaded",
  "material.removed",
  "notice.issued",
  "notice.queued",
  "notice.delivered",
  "notice.delivery_failed",
  "notice.received",
  "notice.receipt_scanned",
  "attendance.intent",
  "proposal.submitted",
  "proposal.signed",
  "proposal.threshold_reached",
  "proposal.answered",
  "proposal.converted",
  "proposal.code_issued",
  "implementation.planned",
  "implementation.reported",
  "payments.imported",
  "filing.submitted",
  "filing.acknowledged",
  "prereview.requested",
  "prereview.approved",
  "prereview.returned",
  "township.settings.updated",
  "minutes.township_witnessed",
  "attendance.township_recorded",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const ACTION_SET: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(value: string): value is AuditAction {
  return ACTION_SET.has(value);
}

export interface AuditActor {
  id: string;
  role: string;
  name: string;
}

export interface AuditObject {
  type: string;
  id: string;
}

/** One log entry, v1. Numbers anywhere must be safe integers (fractions go in strings). */
export interface AuditEntry {
  v: 1;
  seq: number;
  /** Hex leaf hash of entry seq−1; 64 zeros for seq 0. */
  prev: string;
  /** RFC 3339 UTC, e.g. 2025-03-01T08:30:00.000Z (Date#toISOString). */
  ts: string;
  org: string;
  meeting: string | null;
  /** null for the system. */
  actor: AuditActor | null;
  action: AuditAction;
  object: AuditObject;
  data: JsonObject;
}

/** What a command supplies; the log supplies v, seq and prev. */
export type AuditEntryFields = Omit<AuditEntry, "v" | "seq" | "prev" | "ts"> & { ts: Date | string };

/** The previous entry's position, as the append helper reads it from the table (null for an empty log). */
export interface ChainHead {
  seq: number;
  /** Leaf hash of the entry at `seq`. */
  leafHash: Uint8Array;
}

/** An entry ready to insert: `bytes` are stored verbatim and `leafHash` is its RFC 9162 leaf hash. */
export interface EncodedEntry {
  entry: AuditEntry;
  bytes: Buffer;
  leafHash: Buffer;
}

export { ZERO_HASH_HEX };

/** RFC 8785 canonical JSON text of any JSON value, via the `canonicalize` package. */
export function canonicalJsonText(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON representation");
  return text;
}

/** The exact bytes of an entry (UTF-8, no trailing newline). Throws if the entry is not a valid v1 entry. */
export function encodeEntry(entry: AuditEntry): Buffer {
  const problem = entryProblem(entry);
  if (problem !== null) throw new TypeError(`invalid audit entry: ${problem}`);
  if (!isAuditAction(entry.action)) throw new TypeError(`invalid audit entry: unknown action ${String(entry.action)}`);
  return Buffer.from(canonicalJsonText(entry as unknown as JsonValue), "utf8");
}

/** Builds the next entry after `head` (null: the first entry), with its bytes and leaf hash. */
export function chainEntry(head: ChainHead | null, fields: AuditEntryFields): EncodedEntry {
  const ts = typeof fields.ts === "string" ? fields.ts : fields.ts.toISOString();
  const entry: AuditEntry = {
    v: 1,
    seq: head === null ? 0 : head.seq + 1,
    prev: head === null ? ZERO_HASH_HEX : Buffer.from(head.leafHash).toString("hex"),
    ts,
    org: fields.org,
    meeting: fields.meeting,
    actor: fields.actor,
    action: fields.action,
    object: fields.object,
    data: fields.data,
  };
  const bytes = encodeEntry(entry);
  return { entry, bytes, leafHash: leafHash(bytes) };
}

/** Parses stored bytes back into an entry, refusing anything that is not canonical (same rule as verify.mjs). */
export function parseEntry(bytes: Uint8Array): AuditEntry {
  const entry = decodeEntry(bytes);
  if (!isAuditAction(entry.action)) throw new TypeError(`unknown audit action ${entry.action}`);
  return { ...entry, action: entry.action };
}
