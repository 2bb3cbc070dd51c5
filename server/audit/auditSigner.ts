/**
 * The process's checkpoint signer. The key lives outside the database (DESIGN.md §6): YISHI_AUDIT_KEY, else
 * `<dataDir>/audit-key.pem` (mode 0600), created on first start — also on PostgreSQL deployments, where the database
 * is elsewhere but the key stays in this node's data directory (give every node the same key, e.g. through
 * YISHI_AUDIT_KEY, or their checkpoints will not verify against one vkey).
 *
 * The keys are cached on globalThis as node:crypto KeyObjects (the same class in Next's bundle and in tsx), and each
 * module copy builds its own CheckpointSigner from them: no class instance of ours crosses that boundary.
 */
import { getRuntime } from "../runtime";
import { processSlot } from "../singleton";
import { type AuditKey, type AuditKeySource, loadAuditKeys } from "./auditKey";
import type { BundleKey } from "./exportBundle";
import { CheckpointSigner } from "./signer";

type Cached = { dataDir: string; envKey: string | undefined; keys: AuditKey[]; source: AuditKeySource };

const cache = processSlot<Cached>("__yishiAuditKeys");

/** The signing keys, oldest first (several during a rotation). Throws AppError("internal") naming the fix. */
export function auditKeys(): { keys: AuditKey[]; source: AuditKeySource } {
  const dataDir = getRuntime().config.dataDir;
  const envKey = process.env.YISHI_AUDIT_KEY;
  const cached = cache.get();
  if (cached && cached.dataDir === dataDir && cached.envKey === envKey) return cached;
  const loaded = loadAuditKeys({ dataDir });
  cache.set({ dataDir, envKey, ...loaded });
  return loaded;
}

/** Drops the cached keys, so that the next use reads them again (server/ops/rotateKey.ts, after adding a key). */
export function forgetAuditKeys(): void {
  cache.clear();
}

export function auditSigner(): CheckpointSigner {
  return new CheckpointSigner({ keys: auditKeys().keys });
}

/** The public keys an export lists (vkey, log.pub) for the log named `origin`. */
export function bundleKeys(origin: string): BundleKey[] {
  const signer = auditSigner();
  return auditKeys().keys.map((key) => ({ name: signer.keyName(origin), publicKey: key.publicKey }));
}
