/**
 * How the operator's tools find and talk to the running server on the same machine: the server writes
 * `<dataDir>/ops-endpoint.json` ({ url, pid }) when it listens and removes it on shutdown, and keeps a random token
 * in `<dataDir>/ops-token` (mode 0600). A tool that can read the data directory — it holds the signing key already —
 * can therefore ask the server for a backup or a key rotation; nobody else can.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isLoopback } from "./metricsAccess";

export const OPS_TOKEN_FILE = "ops-token";
export const OPS_ENDPOINT_FILE = "ops-endpoint.json";

export function ensureOpsToken(dataDir: string): string {
  const file = path.join(dataDir, OPS_TOKEN_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const token = randomBytes(32).toString("base64url");
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return token;
}

export function publishOpsEndpoint(dataDir: string, url: string): void {
  const file = path.join(dataDir, OPS_ENDPOINT_FILE);
  fs.writeFileSync(file, `${JSON.stringify({ url, pid: process.pid })}\n`, { mode: 0o600 });
}

export function withdrawOpsEndpoint(dataDir: string): void {
  const file = path.join(dataDir, OPS_ENDPOINT_FILE);
  try {
    const { pid } = JSON.parse(fs.readFileSync(file, "utf8")) as { pid: number };
    if (pid === process.pid) fs.rmSync(file, { force: true });
  } catch {
    // Nothing published, or another node's: leave it.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type RunningServer = { url: string; token: string; pid: number };

/** The server running on this data directory, if one is. */
export function findRunningServer(dataDir: string): RunningServer | null {
  try {
    const { url, pid } = JSON.parse(fs.readFileSync(path.join(dataDir, OPS_ENDPOINT_FILE), "utf8")) as { url: string; pid: number };
    if (!Number.isInteger(pid) || !isAlive(pid)) return null;
    const token = fs.readFileSync(path.join(dataDir, OPS_TOKEN_FILE), "utf8").trim();
    return { url, token, pid };
  } catch {
    return null;
  }
}

/** Loopback, or one of this machine's own addresses (a server bound to its LAN address is reached there). */
export function isSameMachine(address: string | undefined): boolean {
  if (isLoopback(address)) return true;
  if (!address) return false;
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  return Object.values(os.networkInterfaces()).some((list) => (list ?? []).some((i) => i.address === plain));
}
