import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateAuditKeyPem, loadAuditKeys, parseAuditKeys } from "../audit/auditKey";
import { addKey, NEXT_KEY_FILE } from "./rotateKey";

describe("adding an audit signing key", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-addkey-"));
    dirs.push(dir);
    return dir;
  };

  it("appends the new key to the key file, after the old one, keeping the file private", () => {
    const dir = dataDir();
    const [old] = loadAuditKeys({ dataDir: dir, env: {} }).keys;
    expect(addKey(dir, {})).toBeNull();
    const keys = loadAuditKeys({ dataDir: dir, env: {} }).keys;
    expect(keys).toHaveLength(2);
    expect(keys[0]?.publicKey.equals(old?.publicKey ?? Buffer.alloc(0))).toBe(true);
    expect(statSync(path.join(dir, "audit-key.pem")).mode & 0o077).toBe(0);
  });

  it("with YISHI_AUDIT_KEY, writes old and new keys for the operator and leaves the environment to them", () => {
    const dir = dataDir();
    const pem = generateAuditKeyPem();
    const result = addKey(dir, { YISHI_AUDIT_KEY: Buffer.from(pem).toString("base64") });
    expect(result).toEqual({ kind: "env-pending", file: path.join(dir, NEXT_KEY_FILE), keys: 2 });
    const next = parseAuditKeys(readFileSync(path.join(dir, NEXT_KEY_FILE), "utf8"), "next");
    expect(next).toHaveLength(2);
    expect(next[0]?.publicKey.equals(parseAuditKeys(pem, "env")[0]?.publicKey ?? Buffer.alloc(0))).toBe(true);
    expect(statSync(path.join(dir, NEXT_KEY_FILE)).mode & 0o077).toBe(0);
  });
});
