/**
 * Audit key rotation (`npm run audit:rotate-key`). A new Ed25519 key joins the old one — the old key keeps
 * signing beside it, so every checkpoint from now on carries both signatures and a verifier that knows either key
 * accepts it; checkpoints from before carry the old key's only, so a bundle lists both keys in vkey — and each
 * organization's log records the change (`key.rotated`, naming the new key and the ones before it), followed at
 * once by a checkpoint that both keys sign.
 *
 *  - Key file (<dataDir>/audit-key.pem): the new PEM block is appended to the file (0600, replaced atomically).
 *  - YISHI_AUDIT_KEY: the environment is the operator's; the old and new keys are written to
 *    <dataDir>/audit-key.next.pem for them to put into YISHI_AUDIT_KEY on every node. After the restart,
 *    `npm run audit:rotate-key -- --record` writes the key.rotated entries and the checkpoint.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { appendAudit } from "../audit/append";
import { AUDIT_KEY_FILE, generateAuditKeyPem, loadAuditKeys, parseAuditKeys } from "../audit/auditKey";
import { auditKeys, forgetAuditKeys } from "../audit/auditSigner";
import { checkpointNow } from "../audit/checkpointNow";
import { formatVkey } from "../audit/note";
import { logOrigin } from "../audit/store";
import { decodeEntry, formatKeyId, keyIdFor } from "../audit/verify.mjs";
import { SYSTEM } from "../commands/actor";
import { runCommand } from "../commands/run";
import { currentDb } from "../db";
import { getRuntime } from "../runtime";
import { newRequestId, runInRequest } from "./requestContext";

export const NEXT_KEY_FILE = "audit-key.next.pem";

export type RotationResult =
  | { kind: "recorded"; keys: number; organizations: number; checkpoints: number; newKey: string }
  | { kind: "env-pending"; file: string; keys: number };

function writeSecretFile(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(temp, "wx", 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

const pemOf = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);

/** Adds a key: to the key file, or (YISHI_AUDIT_KEY) to audit-key.next.pem for the operator. */
export function addKey(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): RotationResult | null {
  const { keys, source } = loadAuditKeys({ dataDir, env });
  const oldPem = keys.map((k) => k.privateKey.export({ format: "pem", type: "pkcs8" }).toString()).join("");
  const newPem = generateAuditKeyPem();
  if (source.kind === "env") {
    const file = path.join(dataDir, NEXT_KEY_FILE);
    writeSecretFile(file, pemOf(oldPem) + pemOf(newPem));
    return { kind: "env-pending", file, keys: keys.length + 1 };
  }
  const current = fs.readFileSync(source.path, "utf8");
  const next = pemOf(current) + pemOf(newPem);
  parseAuditKeys(next, source.path); // never write a file that would not load
  writeSecretFile(path.join(dataDir, AUDIT_KEY_FILE), next);
  return null;
}

const recordSchema = z.strictObject({ orgId: z.string().min(1) });

/** Which logs already name the newest key in a key.rotated entry (a second --record does nothing there). */
async function alreadyRecorded(orgId: string, vkey: string): Promise<boolean> {
  const rows = await currentDb().prisma.auditEntry.findMany({ where: { orgId, action: "key.rotated" }, select: { bytes: true } });
  return rows.some((row) => decodeEntry(Buffer.from(row.bytes, "utf8")).data.vkey === vkey);
}

/** key.rotated in every organization's log, then a checkpoint signed by every key. Uses the process's runtime. */
export async function recordRotation(): Promise<RotationResult> {
  forgetAuditKeys();
  const { keys } = auditKeys();
  const newest = keys[keys.length - 1];
  if (!newest || keys.length < 2) throw new Error("only one audit key is configured: there is no rotation to record");
  const { prisma } = currentDb();
  const orgs = await prisma.organization.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  let checkpoints = 0;
  for (const { id: orgId } of orgs) {
    const origin = await logOrigin(orgId);
    const vkey = formatVkey(origin, newest.publicKey);
    if (!(await alreadyRecorded(orgId, vkey))) {
      await runInRequest({ requestId: newRequestId(), route: "ops audit:rotate-key" }, () =>
        runCommand(recordSchema, { orgId }, SYSTEM, async (tx, data) =>
          appendAudit(tx, {
            orgId: data.orgId,
            actor: null,
            action: "key.rotated",
            object: { type: "auditKey", id: formatKeyId(keyIdFor(origin, newest.publicKey)) },
            data: { vkey, previous: keys.slice(0, -1).map((k) => formatVkey(origin, k.publicKey)) },
          }),
        ),
      );
    }
    if ((await checkpointNow(orgId))?.signed) checkpoints += 1;
  }
  return { kind: "recorded", keys: keys.length, organizations: orgs.length, checkpoints, newKey: newest.publicKey.toString("base64") };
}

/** The whole rotation as the running server (or the tool, when no server runs) performs it. */
export async function rotateAuditKey(options: { record?: boolean } = {}): Promise<RotationResult> {
  if (!options.record) {
    const pending = addKey(getRuntime().config.dataDir);
    if (pending) return pending;
  }
  return recordRotation();
}
