/**
 * The signer's own memory of the largest tree it signed per organization, kept beside the key in the data directory
 * (`audit-heads.json`, mode 0600), outside the database. The database holds every checkpoint too, but whoever can
 * write the database could delete the newest checkpoints with the entries they cover and have the signer extend the
 * shortened log; with this file the signer notices its last checkpoint is gone and refuses (RFC 9162 §2.1.4: a log
 * never signs a tree inconsistent with one it signed before). A node without the file (a fresh data dir, the export
 * CLI on another machine) falls back to the database's checkpoints.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const SIGNED_HEADS_FILE = "audit-heads.json";

export type SignedHead = { size: number; root: string };
type Heads = Record<string, SignedHead>;

function fileOf(dataDir: string): string {
  return path.join(dataDir, SIGNED_HEADS_FILE);
}

function readAll(dataDir: string): Heads {
  try {
    const parsed = JSON.parse(fs.readFileSync(fileOf(dataDir), "utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null) return {};
    const heads: Heads = {};
    for (const [orgId, head] of Object.entries(parsed as Record<string, unknown>)) {
      const { size, root } = (head ?? {}) as { size?: unknown; root?: unknown };
      if (Number.isSafeInteger(size) && typeof root === "string" && /^[0-9a-f]{64}$/.test(root)) heads[orgId] = { size: size as number, root };
    }
    return heads;
  } catch {
    return {};
  }
}

/** The largest tree this data directory's signer signed for the organization, or null. */
export function readSignedHead(dataDir: string, orgId: string): SignedHead | null {
  return readAll(dataDir)[orgId] ?? null;
}

/** Remembers a signed tree head (after its checkpoint committed); a smaller one never replaces a larger one. */
export function recordSignedHead(dataDir: string, orgId: string, head: SignedHead): void {
  const heads = readAll(dataDir);
  const known = heads[orgId];
  if (known && known.size >= head.size) return;
  heads[orgId] = head;
  const file = fileOf(dataDir);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(temp, `${JSON.stringify(heads, null, 1)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
