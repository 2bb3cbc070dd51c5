/**
 * The witness's settings, from the environment (README "Running a witness"):
 *
 *   WITNESS_PORT (3300), WITNESS_HOST (127.0.0.1), WITNESS_DATA_DIR (./witness-data), WITNESS_NAME (key name),
 *   WITNESS_KEY (PKCS#8 PEM; default: witness-key.pem in the data directory, created on first start, mode 0600),
 *   WITNESS_LOGS (file of accepted logs; default logs.txt in the data directory), WITNESS_LOG_KEYS (the same lines
 *   inline, separated by newlines or commas), WITNESS_DATABASE_URL or DATABASE_URL (PostgreSQL instead of PGlite).
 *
 * A log line is a log's verifier key (its key name is then its origin, as Yishi names its logs), or
 * `<origin> <vkey>` when they differ. Several lines may name one origin (key rotation).
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NoteVerifier } from "../audit/verify.mjs";
import { isKeyName, parseVkey } from "../audit/verify.mjs";
import type { LogList } from "./witness";

export type WitnessConfig = {
  port: number;
  host: string;
  dataDir: string;
  name: string;
  databaseUrl?: string;
  logsFile: string;
  logKeys: string;
};

export class WitnessConfigError extends Error {}

export const DEFAULT_WITNESS_PORT = 3300;
export const DEFAULT_WITNESS_NAME = "yishi-witness.local";

export function witnessConfig(env: NodeJS.ProcessEnv = process.env): WitnessConfig {
  const port = Number(env.WITNESS_PORT ?? DEFAULT_WITNESS_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new WitnessConfigError(`WITNESS_PORT ${env.WITNESS_PORT} is not a port number`);
  const dataDir = path.resolve(env.WITNESS_DATA_DIR || "./witness-data");
  const name = env.WITNESS_NAME || DEFAULT_WITNESS_NAME;
  if (!isKeyName(name)) throw new WitnessConfigError(`WITNESS_NAME ${JSON.stringify(name)} must have no spaces or +`);
  return {
    port,
    host: env.WITNESS_HOST || "127.0.0.1",
    dataDir,
    name,
    databaseUrl: env.WITNESS_DATABASE_URL || env.DATABASE_URL || undefined,
    logsFile: env.WITNESS_LOGS || path.join(dataDir, "logs.txt"),
    logKeys: env.WITNESS_LOG_KEYS ?? "",
  };
}

/** Parses log lines (see the module comment); errors name the line. */
export function parseLogList(text: string, where: string): Map<string, NoteVerifier[]> {
  const logs = new Map<string, NoteVerifier[]>();
  text.split(/[\n,]/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const parts = line.split(/\s+/);
    if (parts.length > 2) throw new WitnessConfigError(`${where} entry ${i + 1}: expected "<vkey>" or "<origin> <vkey>"`);
    let key: NoteVerifier;
    try {
      key = parseVkey(parts[parts.length - 1] as string);
    } catch (error) {
      throw new WitnessConfigError(`${where} entry ${i + 1}: ${(error as Error).message}`);
    }
    const origin = parts.length === 2 ? (parts[0] as string) : key.name;
    logs.set(origin, [...(logs.get(origin) ?? []), key]);
  });
  return logs;
}

export function loadLogList(config: WitnessConfig): LogList {
  const fromFile = existsSync(config.logsFile) ? parseLogList(readFileSync(config.logsFile, "utf8"), config.logsFile) : new Map();
  const inline = parseLogList(config.logKeys, "WITNESS_LOG_KEYS");
  for (const [origin, keys] of inline) fromFile.set(origin, [...(fromFile.get(origin) ?? []), ...keys]);
  return fromFile;
}

/** The witness key: WITNESS_KEY, else the key file, generated (mode 0600) on first start. */
export function loadWitnessKey(config: WitnessConfig, env: NodeJS.ProcessEnv = process.env): { key: KeyObject; file: string | null; created: boolean } {
  const parse = (pem: string, where: string): KeyObject => {
    try {
      const key = createPrivateKey(pem);
      if (key.asymmetricKeyType !== "ed25519") throw new Error(`a ${key.asymmetricKeyType} key`);
      return key;
    } catch (error) {
      throw new WitnessConfigError(`${where}: not an Ed25519 private key in PKCS#8 PEM (${(error as Error).message})`);
    }
  };
  if (env.WITNESS_KEY) return { key: parse(env.WITNESS_KEY, "WITNESS_KEY"), file: null, created: false };
  const file = path.join(config.dataDir, "witness-key.pem");
  if (existsSync(file)) return { key: parse(readFileSync(file, "utf8"), file), file, created: false };
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync("ed25519");
  // flag "wx": two witnesses starting at once never overwrite each other's new key.
  writeFileSync(file, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" });
  return { key: parse(readFileSync(file, "utf8"), file), file, created: true };
}
