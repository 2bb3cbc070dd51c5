// Types for verify.mjs, the standalone verifier that the server also imports (one copy of the checking rules).
import type { KeyObject } from "node:crypto";

export declare class VerifyError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly seq?: number;
  /** A decision certificate check: the statement field or proof that failed (verifyCertificate). */
  field?: string;
  constructor(message: string, where?: { file?: string; line?: number; seq?: number });
}

// RFC 9162 §2.1
export declare const EMPTY_ROOT: Buffer;
export declare function leafHash(bytes: Uint8Array): Buffer;
export declare function nodeHash(left: Uint8Array, right: Uint8Array): Buffer;
export declare class CompactRange {
  get size(): number;
  push(leaf: Uint8Array): void;
  root(): Buffer;
}
export declare function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Buffer | null;
export declare function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean;
export declare function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean;

// Entries (RFC 8785, DESIGN.md §6)
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export declare const ZERO_HASH_HEX: string;
export declare function canonicalJson(value: JsonValue): string;
export declare function entryProblem(entry: unknown): string | null;
/** Returns the parsed entry; its shape is checked (see canonical.ts AuditEntry for the precise type). */
export declare function decodeEntry(bytes: Uint8Array): {
  v: 1;
  seq: number;
  prev: string;
  ts: string;
  org: string;
  meeting: string | null;
  actor: { id: string; role: string; name: string } | null;
  action: string;
  object: { type: string; id: string };
  data: { [key: string]: JsonValue };
};

// Signed notes and checkpoints (c2sp.org/signed-note, c2sp.org/tlog-checkpoint)
export interface NoteVerifier {
  name: string;
  keyId: number;
  publicKey: Buffer;
  keyObject: KeyObject;
}
export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Buffer;
}
export interface KeyRef {
  name: string;
  keyId: number;
}
export interface OpenedCheckpoint {
  origin: string;
  size: number;
  root: Buffer;
  verifiedBy: KeyRef[];
}
export declare const ED25519_TYPE: 1;
export declare function decodeBase64(text: string, what: string): Buffer;
export declare function isKeyName(name: string): boolean;
export declare function keyIdFor(name: string, publicKey: Uint8Array): number;
export declare function formatKeyId(keyId: number): string;
export declare function ed25519PublicKeyObject(raw: Uint8Array): KeyObject;
export declare function rawPublicKeyFromPem(pem: string): Buffer;
export declare function parseVkey(text: string): NoteVerifier;
export declare function parseVkeys(text: string): NoteVerifier[];
export declare function parseNote(note: string): { text: string; signatures: NoteSignature[] };
export declare function verifyNote(note: string, verifiers: readonly NoteVerifier[]): { text: string; verifiedBy: KeyRef[] };
export declare function parseCheckpointBody(text: string): { origin: string; size: number; root: Buffer };
export declare function openCheckpoint(note: string, verifiers: readonly NoteVerifier[], origin?: string): OpenedCheckpoint;

// Receipts (c2sp.org/tlog-proof)
export declare const TLOG_PROOF_HEADER: "c2sp.org/tlog-proof@v1";
export interface TlogProof {
  extra: Buffer | null;
  index: number;
  proof: Buffer[];
  checkpoint: string;
}
export declare function parseTlogProof(text: string): TlogProof;
export declare function verifyReceipt(
  text: string,
  verifiers: readonly NoteVerifier[],
  origin?: string,
): { index: number; entryBytes: Buffer; entry: ReturnType<typeof decodeEntry>; checkpoint: OpenedCheckpoint & { text: string } };

// Bundles
export interface NamedText {
  label: string;
  text: string;
}
export interface VerifyBundleOptions {
  trustedVkeys?: NamedText;
  checkpoints?: readonly NamedText[];
  receipts?: readonly NamedText[];
  origin?: string;
  /** Witness verifier keys (parseWitnessVkey); their cosignatures are checked wherever present. */
  witnesses?: readonly WitnessVerifier[];
  /** Cosignatures by those witnesses the newest checkpoint and each receipt must carry (default 0). */
  minWitnesses?: number;
  /** Worker threads for the per-line checks; default up to 4 for files of 16 MB or more, 0 = this thread only. */
  workers?: number;
  /** Read size in bytes (default 4 MiB); small values are for tests. */
  chunkBytes?: number;
}
export interface BundleSummary {
  entries: number;
  org: string | null;
  origin: string | null;
  root: Buffer;
  checkpoints: { label: string; size: number; verifiedBy: KeyRef[]; cosignedBy: Cosigned[] }[];
  latestCheckpointSize: number;
  unsignedTail: number;
  externalCheckpoints: { label: string; size: number }[];
  receipts: { label: string; index: number; action: string; size: number }[];
  keys: KeyRef[];
}
export declare function verifyBundle(dir: string, options?: VerifyBundleOptions): Promise<BundleSummary>;
export declare function main(argv: readonly string[], out?: (line: string) => void, err?: (line: string) => void): Promise<number>;

// Witness cosignatures (c2sp.org/tlog-cosignature, Ed25519 cosignature/v1)
export declare const COSIGNATURE_TYPE: number;
export declare function cosignatureKeyId(name: string, publicKey: Uint8Array): number;
export declare function cosignedMessage(text: string, timestamp: number): Buffer;
export interface WitnessVerifier extends NoteVerifier {}
export interface Cosigned {
  name: string;
  keyId: number;
  /** POSIX seconds. */
  timestamp: number;
}
export declare function parseWitnessVkey(text: string): WitnessVerifier;
export declare function verifyCosignatures(note: string, witnesses: readonly WitnessVerifier[]): Cosigned[];
export declare function requireCosignatures(label: string, note: string, witnesses: readonly WitnessVerifier[], min: number): Cosigned[];

// Decision certificates (issue #23)
export declare const CERTIFICATE_FORMAT: "yishi-decision-certificate/v1";
export declare const CERTIFICATE_FIELDS: Readonly<Record<string, readonly ["decision" | "plan", string]>>;
export type CertificateStatement = { [field: string]: JsonValue };
export declare function checkCertificateStatement(
  statement: unknown,
  decisionEntry: ReturnType<typeof decodeEntry>,
  planEntry: ReturnType<typeof decodeEntry> | null,
): void;
export declare function verifyCertificate(
  text: string,
  verifiers?: readonly NoteVerifier[],
  options?: { origin?: string },
): {
  statement: CertificateStatement;
  decision: ReturnType<typeof verifyReceipt>;
  plan: ReturnType<typeof verifyReceipt> | null;
  keyFromCertificate: boolean;
};

// Archive packages (issue #23 item 4)
export declare const ARCHIVE_FORMAT: string;
export declare const ARCHIVE_MANIFEST: string;
export declare const ARCHIVE_METADATA: string;
export declare const ARCHIVE_REPORT: string;
export declare const ARCHIVE_REPORT_HTML: string;
export declare function readZip(buf: Buffer, label?: string): [string, Buffer][];
export type PdfFacts = {
  opens: boolean;
  version: string | null;
  pdfa: string | null;
  outputIntent: boolean;
  fonts: number;
  fontsEmbedded: boolean;
  unembedded: string[];
};
export declare function pdfFacts(bytes: Buffer): PdfFacts;
export declare function personalNumbers(text: string): { ids: number; phones: number };
export type ArchiveCheck = { id: string; status: "pass" | "warn" | "fail"; zh: string; en: string };
export type ArchiveProperty = {
  id: "authenticity" | "integrity" | "usability" | "security";
  zh: string;
  status: ArchiveCheck["status"];
  checks: ArchiveCheck[];
};
export type ArchiveReport = { format: string; properties: ArchiveProperty[] };
export declare function archiveSelfCheck(dir: string): Promise<ArchiveReport>;
export declare function archiveXmlText(text: string | number): string;
export declare function metadataFileList(xml: string): { path: string; size: number; sha256: string }[];
export declare function verifyArchive(target: string): Promise<{ files: number; audit: BundleSummary; report: ArchiveReport }>;
