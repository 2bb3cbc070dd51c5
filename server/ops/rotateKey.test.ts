import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { generateAuditKeyPem, parseAuditKeys } from "../audit/auditKey";
import { readCheckpoint, signCheckpoint } from "../audit/checkpoint";
import { ed25519NoteSigner } from "../audit/note";
import { runBundleVerifier, unzipBundle } from "../audit/unzipBundle";
import { verifyBundle } from "../audit/verify.mjs";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { startServer, type TestServer } from "../testing/server";
import { runTool } from "./opsTestKit";

const work = mkdtempSync(path.join(tmpdir(), "yishi-rotate-test-"));
const signatures = (note: string) => note.split("\n").filter((line) => line.startsWith("\u2014 ")).length;

describe("audit key rotation", () => {
  let server: TestServer;
  let bundle = "";
  let sizeBefore = 0;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  async function download(into: string): Promise<string> {
    const cookie = await login(server.url, demoPhone("supervisor"), DEMO_PASSWORD);
    const orgs = (await (await fetch(`${server.url}/api/orgs`, { headers: { cookie: cookie ?? "" } })).json()) as { data: { id: string }[] };
    const response = await fetch(`${server.url}/api/audit/bundle?orgId=${orgs.data[0]?.id}`, { headers: { cookie: cookie ?? "" } });
    return unzipBundle(new Uint8Array(await response.arrayBuffer()), into);
  }

  it("adds a key while the server runs; a bundle spanning the rotation lists both keys and verifies", async () => {
    const before = await download(path.join(work, "before"));
    sizeBefore = readFileSync(path.join(before, "entries.jsonl"), "utf8").split("\n").length - 1;

    const run = await runTool("rotateAuditKey", [], { YISHI_DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl ?? "" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("audit key rotated: 2 keys sign from now on");
    expect(parseAuditKeys(readFileSync(path.join(server.dataDir, "audit-key.pem"), "utf8"), "key file")).toHaveLength(2);

    bundle = await download(path.join(work, "after"));
    expect(readFileSync(path.join(bundle, "vkey"), "utf8").trim().split("\n")).toHaveLength(2);
    const lines = readFileSync(path.join(bundle, "entries.jsonl"), "utf8").trim().split("\n");
    const rotated = lines
      .map((l) => JSON.parse(l) as { seq: number; action: string; data: { vkey: string; previous: string[] } })
      .filter((e) => e.action === "key.rotated");
    expect(rotated).toHaveLength(1);
    expect(rotated[0]?.seq).toBe(sizeBefore);
    expect(rotated[0]?.data.previous).toEqual([readFileSync(path.join(before, "vkey"), "utf8").trim()]);

    const notes = readdirSync(path.join(bundle, "checkpoints")).map((name) => readFileSync(path.join(bundle, "checkpoints", name), "utf8"));
    const old = notes.filter((n) => readCheckpoint(n).size <= sizeBefore);
    const next = notes.filter((n) => readCheckpoint(n).size > sizeBefore);
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((n) => signatures(n) === 1)).toBe(true);
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((n) => signatures(n) === 2)).toBe(true);
    expect(runBundleVerifier(bundle).code).toBe(0);
    // The earlier bundle's checkpoints agree with the rotated log, trusting only the old key.
    const kept = readdirSync(path.join(before, "checkpoints")).map((n) => ({ label: n, text: readFileSync(path.join(before, "checkpoints", n), "utf8") }));
    await expect(verifyBundle(bundle, { checkpoints: kept })).resolves.toMatchObject({ entries: lines.length });
  });

  it("accepts a checkpoint from either key alone, and fails one signed by an unknown key", async () => {
    const [oldKey, newKey] = parseAuditKeys(readFileSync(path.join(server.dataDir, "audit-key.pem"), "utf8"), "key file");
    const latest = readdirSync(path.join(bundle, "checkpoints")).sort((a, b) => Number.parseInt(b, 10) - Number.parseInt(a, 10))[0] ?? "";
    const head = readCheckpoint(readFileSync(path.join(bundle, "checkpoints", latest), "utf8"));
    const unknown = parseAuditKeys(generateAuditKeyPem(), "fresh key")[0];
    const cases = [
      { name: "old", key: oldKey, passes: true },
      { name: "new", key: newKey, passes: true },
      { name: "unknown", key: unknown, passes: false },
    ];
    for (const { name, key, passes } of cases) {
      if (!key) throw new Error(`no ${name} key`);
      const copy = path.join(work, `only-${name}`);
      cpSync(bundle, copy, { recursive: true });
      const note = signCheckpoint(head, [ed25519NoteSigner(head.origin, key.privateKey)]);
      writeFileSync(path.join(copy, "checkpoints", latest), note);
      const result = runBundleVerifier(copy);
      if (passes) expect(result.code, `${name}: ${result.output}`).toBe(0);
      else {
        expect(result.code).not.toBe(0);
        expect(result.output).toMatch(/not signed by any known key/);
        expect(result.output).toContain(`checkpoints/${latest}`);
      }
    }
  });
});
