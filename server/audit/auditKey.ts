/**
 * The Ed25519 key(s) that sign checkpoints. They live outside the database (DESIGN.md §6), so that whoever can write
 * the database cannot also re-sign a rewritten log:
 *
 * 1. `YISHI_AUDIT_KEY` in the environment: the PKCS#8 PEM text of the key, either as is (real newlines, or `\n`
 *    escapes as .env files and container UIs write them) or base64-encoded as one line
 *    (`base64 -w0 audit-key.pem`). Several PEM blocks may follow each other during a key rotation.
 * 2. Otherwise the file `<dataDir>/audit-key.pem`, same PEM content, created on first start with mode 0600.
 *
 * With several keys, they are listed oldest first: all of them sign (so verifiers holding either key accept the
 * checkpoints while the rotation is under way) and the last one is the current key, exported as the bundle's log.pub.
 */

import type { KeyObject } from "node:crypto";
import { createPrivateKey, generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors";
import { rawEd25519PublicKey } from "./note";

export const AUDIT_KEY_ENV = "YISHI_AUDIT_KEY";
export const AUDIT_KEY_FILE = "audit-key.pem";

export interface AuditKey {
  privateKey: KeyObject;
  /** 32-byte RFC 8032 public key. */
  publicKey: Buffer;
}

export type AuditKeySource = { kind: "env" } | { kind: "file"; path: string; created: boolean };

const PEM_BLOCK_RE = /-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----/g;

function keyError(message: string): AppError {
  return new AppError("internal", message, { details: { reason: "audit_key" } });
}

/** Parses one or more PKCS#8 PEM blocks of Ed25519 private keys, oldest first. Never echoes key material. */
export function parseAuditKeys(text: string, where: string): AuditKey[] {
  const blocks = text.replace(/\\n/g, "\n").match(PEM_BLOCK_RE) ?? [];
  if (blocks.length === 0) throw keyError(`${where}: no "BEGIN PRIVATE KEY" (PKCS#8 PEM) block found`);
  return blocks.map((pem, i) => {
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: pem, format: "pem" });
    } catch {
      throw keyError(`${where}: key ${i + 1} is not a readable PKCS#8 private key`);
    }
    if (privateKey.asymmetricKeyType !== "ed25519") {
      throw keyError(`${where}: key ${i + 1} is ${String(privateKey.asymmetricKeyType)}, audit keys must be Ed25519`);
    }
    return { privateKey, publicKey: rawEd25519PublicKey(privateKey) };
  });
}

/** Reads YISHI_AUDIT_KEY: PEM text as is, or the same base64-encoded. */
export function parseAuditKeyEnv(value: string): AuditKey[] {
  const trimmed = value.trim();
  const text = trimmed.includes("-----BEGIN") ? trimmed : Buffer.from(trimmed, "base64").toString("utf8");
  return parseAuditKeys(text, AUDIT_KEY_ENV);
}

export function generateAuditKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/** The bundle's log.pub for this key. */
export function publicKeyPem(key: AuditKey): string {
  return rawToSpkiPem(key.publicKey);
}

/** PEM SubjectPublicKeyInfo of a raw Ed25519 public key (RFC 8410), as log.pub holds it. */
export function rawToSpkiPem(publicKey: Uint8Array): string {
  const der = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), publicKey]);
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/**
 * Writes a new key file without ever exposing a partial or world-readable file: the key goes to a temp file created
 * with mode 0600, is flushed, then hard-linked into place. Unlike rename, link fails if the file already exists, so
 * when two nodes start at once on a shared data dir the first key wins and both end up using it.
 */
function createKeyFile(file: string): void {
  const unique = `${process.pid}.${randomBytes(6).toString("hex")}`;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${unique}.tmp`);
  const fd = fs.openSync(temp, "wx", 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // the umask cannot widen it, but be explicit
    fs.writeSync(fd, generateAuditKeyPem());
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems have no hard links; rename is still atomic there, only not exclusive.
    if (code !== "EEXIST" && !fs.existsSync(file)) fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncDirectory(path.dirname(file));
}

function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the key is already flushed.
  }
}

function readKeyFile(file: string): AuditKey[] {
  if (process.platform !== "win32") {
    const mode = fs.statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw keyError(`${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
    }
  }
  return parseAuditKeys(fs.readFileSync(file, "utf8"), file);
}

/** Loads the signing keys from YISHI_AUDIT_KEY, else from `<dataDir>/audit-key.pem`, creating it on first use. */
export function loadAuditKeys(options: { dataDir: string; env?: Readonly<Record<string, string | undefined>> }): { keys: AuditKey[]; source: AuditKeySource } {
  const fromEnv = (options.env ?? process.env)[AUDIT_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return { keys: parseAuditKeyEnv(fromEnv), source: { kind: "env" } };
  }
  const file = path.join(options.dataDir, AUDIT_KEY_FILE);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    createKeyFile(file);
    created = true;
  }
  return { keys: readKeyFile(file), source: { kind: "file", path: file, created } };
}
