/**
 * Decision certificates (issue #23) end to end on the demo village: its budget decision, announced by the seed
 * through the live commands, gets a short ID; its certificate verifies with verify.mjs --certificate, and every
 * changed field, a wrong key and a changed proof hash fail with the field or check named.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNotices } from "../../prisma/demoNotice";
import { seedDemo } from "../../prisma/seed";
import { accountActor } from "../commands/actor";
import { createPlan } from "../commands/implementation/createPlan";
import type { Database } from "../db/client";
import { openInProcessDb } from "../testing/inProcessDb";
import { generateAuditKeyPem } from "./auditKey";
import { type Certificate, certificateFor, certificateText } from "./certificate";
import { CERTIFICATE_FIELDS, type JsonValue, main } from "./verify.mjs";

const VERIFY = path.join(import.meta.dirname, "verify.mjs");
const run = promisify(execFile);
let db: Database;
let close: () => Promise<void>;
let demo: DemoNotices;
let code: string;
let dir: string;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  demo = (await seedDemo()).notices;
  const motion = await db.prisma.motion.findFirstOrThrow({ where: { item: { matterId: demo.village.matterId }, decisionCode: { not: null } } });
  code = motion.decisionCode!;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-cert-"));
}, 180_000);
afterAll(async () => {
  await close?.();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** verify.mjs's command line, in process: exit code and what it printed. */
async function verify(cert: Certificate | string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const file = path.join(dir, `c-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof cert === "string" ? cert : certificateText(cert));
  const out: string[] = [];
  const err: string[] = [];
  const exit = await main(
    ["--certificate", file, ...args],
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code: exit, out: out.join("\n"), err: err.join("\n") };
}

const changed = (value: unknown): JsonValue => (typeof value === "number" ? value + 1 : typeof value === "boolean" ? !value : `${String(value)}改`);

describe("a passed decision's certificate", () => {
  it("has a short ID recorded in the announcement's audit entry and verifies with verify.mjs, saying what it proves", async () => {
    expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{8}$/);
    const cert = await certificateFor(code.toUpperCase());
    expect(cert.statement).toMatchObject({ code, passed: true, org: "平洲村（演示）" });
    expect(cert.plan).toBeUndefined();
    // As a separate process, exactly as someone with the file would run it.
    const file = path.join(dir, "good.json");
    fs.writeFileSync(file, certificateText(cert));
    const keyFile = path.join(dir, "vkey");
    fs.writeFileSync(keyFile, cert.vkey);
    const { stdout } = await run(process.execPath, [VERIFY, "--certificate", file, "--key", keyFile]);
    expect(stdout).toContain("决议凭证核验通过");
    expect(stdout).toContain(`decision     ${code}: ${cert.statement.motion}`);
    expect(stdout).toContain("no implementation plan on record yet");
    expect(stdout).not.toContain("key inside the certificate");
  });

  it("fails naming each field that was changed", async () => {
    const cert = await certificateFor(code);
    const fields = Object.keys(cert.statement);
    expect(fields.length).toBeGreaterThanOrEqual(18);
    for (const field of fields) {
      const tampered = { ...cert, statement: { ...cert.statement, [field]: changed(cert.statement[field]) } };
      const result = await verify(tampered);
      expect(result.code, field).toBe(1);
      expect(result.err, field).toContain(`field "${field}"`);
      expect(result.err, field).toContain(`[${field}]`);
    }
    // A field added that the log does not record, and one left out, fail too.
    expect((await verify({ ...cert, statement: { ...cert.statement, capFen: "100" } })).err).toContain('field "capFen"');
    const { motion: _motion, ...withoutMotion } = cert.statement;
    expect((await verify({ ...cert, statement: withoutMotion })).err).toContain('field "motion" is missing');
  });

  it("fails with another organization's key and with a changed proof hash or entry", async () => {
    const cert = await certificateFor(code);
    const otherKey = path.join(dir, "other.vkey");
    const { CheckpointSigner } = await import("./signer");
    const { parseAuditKeys } = await import("./auditKey");
    const signer = new CheckpointSigner({ keys: parseAuditKeys(generateAuditKeyPem(), "test") });
    const origin = cert.decision.split("\n\n")[1]!.split("\n")[0]!;
    fs.writeFileSync(otherKey, `${signer.vkeys(origin).join("\n")}\n`);
    const wrongKey = await verify(cert, "--key", otherKey);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toMatch(/decision proof: checkpoint: not signed by any known key.*\[decision\]/);
    // The certificate's own key swapped for another one does not help: the checkpoint's signature fails.
    expect((await verify({ ...cert, vkey: `${signer.vkeys(origin).join("\n")}\n` })).err).toContain("not signed by any known key");

    const lines = cert.decision.split("\n");
    const hashLine = lines.findIndex((l, i) => i > 2 && /^[A-Za-z0-9+/]{43}=$/.test(l));
    expect(hashLine).toBeGreaterThan(2);
    const flipped = Buffer.from(lines[hashLine]!, "base64");
    flipped[0]! ^= 1;
    lines[hashLine] = flipped.toString("base64");
    const badProof = await verify({ ...cert, decision: lines.join("\n") });
    expect(badProof.code).toBe(1);
    expect(badProof.err).toMatch(/decision proof: inclusion proof .* does not lead to the root.*\[decision\]/);

    // The entry itself rewritten to match a changed statement: its leaf no longer proves into the root.
    const extra = cert.decision.split("\n")[1]!;
    const entry = Buffer.from(extra.slice("extra ".length), "base64").toString("utf8").replace(`"yes":`, `"yes":1`);
    const rewritten = cert.decision.replace(extra, `extra ${Buffer.from(entry).toString("base64")}`);
    expect((await verify({ ...cert, decision: rewritten })).code).toBe(1);
  });

  it("states the amount cap once the decision has a plan with the same short ID, and fails if the cap is changed", async () => {
    const admin = await db.prisma.account.findUniqueOrThrow({ where: { phone: "13800000001" } });
    const responsible = await db.prisma.person.findFirstOrThrow({ where: { org: { name: "平洲村（演示）" } } });
    const plan = await createPlan(
      {
        matterId: demo.village.matterId,
        responsibleId: responsible.id,
        cap: "500,000",
        startsOn: "2026-05-01",
        endsOn: "2026-08-31",
        milestones: [{ title: "完工", dueOn: "2026-07-31" }],
      },
      accountActor(admin.id, admin.displayName),
    );
    expect(plan.decisionCode).toBe(code);
    const cert = await certificateFor(code);
    expect(cert.statement.capFen).toBe("50000000");
    const good = await verify(cert);
    expect(good.code).toBe(0);
    expect(good.out).toContain("amount cap   500,000 yuan");
    expect(good.out).toContain("key inside the certificate");
    const tampered = await verify({ ...cert, statement: { ...cert.statement, capFen: "90000000" } });
    expect(tampered.err).toContain('field "capFen" says "90000000" but the log records "50000000"');
    // Dropping the plan's proof leaves a cap nothing records.
    const { plan: _plan, ...withoutPlan } = cert;
    expect((await verify(withoutPlan as Certificate)).err).toContain('field "capFen"');
  });

  it("refuses unknown codes and failed votes", async () => {
    await expect(certificateFor("zzzzzzzz")).rejects.toMatchObject({ code: "not_found" });
    await expect(certificateFor("../etc")).rejects.toMatchObject({ code: "not_found" });
    expect(Object.keys(CERTIFICATE_FIELDS)).toContain("capFen");
  });
});

describe("the browser's check (server/domain/certificate) agrees with verify.mjs", () => {
  it("has the same table of fields and the same verdict on good and tampered certificates", async () => {
    const { CERTIFICATE_FIELDS: BROWSER_FIELDS, verifyCertificateInBrowser } = await import("../domain/certificate/verifyCertificate");
    expect(JSON.parse(JSON.stringify(BROWSER_FIELDS))).toEqual(JSON.parse(JSON.stringify(CERTIFICATE_FIELDS)));
    const cert = await certificateFor(code);
    expect(verifyCertificateInBrowser(cert)).toMatchObject({ ok: true });
    for (const field of Object.keys(cert.statement)) {
      const tampered = { ...cert, statement: { ...cert.statement, [field]: changed(cert.statement[field]) } };
      expect(verifyCertificateInBrowser(tampered), field).toMatchObject({ ok: false, check: field });
      expect((await verify(tampered)).err, field).toContain(`[${field}]`);
    }
    const lines = cert.decision.split("\n");
    lines[2] = lines[2]!.replace(/^index (\d+)$/, (_m, n) => `index ${Number(n) + 1}`);
    expect(verifyCertificateInBrowser({ ...cert, decision: lines.join("\n") })).toMatchObject({ ok: false, check: "decision" });
    expect((await verify({ ...cert, decision: lines.join("\n") })).code).toBe(1);
    expect(verifyCertificateInBrowser({ ...cert, statement: { ...cert.statement, extra: "x" } })).toMatchObject({ ok: false, check: "extra" });
  });
});
