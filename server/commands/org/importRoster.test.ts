/**
 * importRoster through the command on a real PGlite database in this process (no HTTP): all-or-nothing, the audit
 * entry naming who was added, and 500 rows in under 5 seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { openInProcessDb } from "../../testing/inProcessDb";
import { gb18030Csv, gbkCsv, libraryXlsx, utf8Csv, wpsXlsx } from "../../testing/rosterFiles";
import { type Actor, accountActor, SYSTEM } from "../actor";
import { createAccount } from "./createAccount";
import { createHousehold } from "./createHousehold";
import { createOrganization } from "./createOrganization";
import { importRoster } from "./importRoster";

let db: Database;
let close: () => Promise<void>;
let orgId: string;
let admin: Actor;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  orgId = (await createOrganization({ name: "测试村", level: "village" }, SYSTEM)).id;
  await createHousehold({ orgId, number: "1号户" }, SYSTEM);
  const account = await createAccount({ orgId, phone: "13700000001", displayName: "管理员", password: "admin-password", roles: ["admin"] }, SYSTEM);
  admin = accountActor(account.id, "管理员");
});

afterAll(async () => {
  await close?.();
});

function rosterCsv(count: number, from = 0): string {
  const lines = ["姓名,手机号,户号,性别,年满18周岁,党员,经济社成员"];
  for (let i = from; i < from + count; i += 1) {
    lines.push(
      `村民${i},1${String(5_000_000_000 + i).padStart(10, "0")},${Math.floor(i / 4) + 1}号户,${i % 2 ? "女" : "男"},是,${i % 7 === 0 ? "是" : "否"},是`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const count = (table: "person" | "household" | "auditEntry") =>
  (db.prisma[table] as unknown as { count(a?: object): Promise<number> }).count({ where: { orgId } });

describe("importRoster", () => {
  it("imports nothing from a file with one bad row, and says which row", async () => {
    const csv = `${rosterCsv(5, 1000)}坏行,123,1号户,男,是,否,是\n`;
    const before = { people: await count("person"), audit: await count("auditEntry") };
    const preview = await importRoster({ orgId, csv, createMissingHouseholds: true, dryRun: true }, admin);
    expect(preview.errorCount).toBe(1);
    expect(preview.rows.find((r) => r.errors.length > 0)).toMatchObject({ line: 7, errors: ["bad_phone"] });
    await expect(importRoster({ orgId, csv, createMissingHouseholds: true, dryRun: false }, admin)).rejects.toMatchObject({ code: "invalid_input" });
    expect({ people: await count("person"), audit: await count("auditEntry") }).toEqual(before);
  });

  it("refuses unknown households unless the admin ticks 'create missing households'", async () => {
    const preview = await importRoster({ orgId, csv: rosterCsv(8), dryRun: true }, admin);
    expect(preview.rows.filter((r) => r.errors.includes("unknown_household"))).toHaveLength(4);
  });

  it("refuses an admin of no organization here", async () => {
    const other = (await createOrganization({ name: "别村", level: "village" }, SYSTEM)).id;
    const stranger = await createAccount(
      { orgId: other, phone: "13700000002", displayName: "别村管理员", password: "admin-password", roles: ["admin"] },
      SYSTEM,
    );
    await expect(
      importRoster({ orgId, csv: rosterCsv(2, 3000), dryRun: false, createMissingHouseholds: true }, accountActor(stranger.id, "别村管理员")),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("imports 500 people in one transaction in under 5 seconds, with one audit entry naming them", async () => {
    const csv = rosterCsv(500);
    const auditBefore = await count("auditEntry");
    const started = performance.now();
    const result = await importRoster({ orgId, csv, createMissingHouseholds: true, dryRun: false }, admin);
    const seconds = (performance.now() - started) / 1000;
    expect(result.imported).toBe(500);
    expect(seconds).toBeLessThan(5);
    expect(await count("person")).toBe(500);
    // 1号户 existed; 2号户 … 125号户 were created.
    expect(await count("household")).toBe(125);
    const entries = await db.prisma.auditEntry.findMany({ where: { orgId, seq: { gte: auditBefore } }, select: { action: true, bytes: true } });
    expect(entries.map((e) => e.action)).toEqual(["roster.imported"]);
    const data = JSON.parse(entries[0]?.bytes ?? "{}").data as { people: { name: string }[]; households: unknown[] };
    expect(data.people).toHaveLength(500);
    expect(data.people[0]?.name).toBe("村民0");
    expect(data.households).toHaveLength(124);
    expect(entries[0]?.bytes).not.toContain("15000000000");
  });

  it("then refuses the same file again: every row is a duplicate", async () => {
    const preview = await importRoster({ orgId, csv: rosterCsv(3), dryRun: true }, admin);
    expect(preview.rows.map((r) => r.errors)).toEqual([
      ["duplicate_existing", "phone_existing"],
      ["duplicate_existing", "phone_existing"],
      ["duplicate_existing", "phone_existing"],
    ]);
  });
});

describe("importRoster from the file as uploaded", () => {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

  it("previews the same people from GBK, GB18030, UTF-8 with a BOM, an .xlsx and a WPS .xlsx", async () => {
    const org = (await createOrganization({ name: "编码村", level: "village" }, SYSTEM)).id;
    const clerk = await createAccount({ orgId: org, phone: "13700000003", displayName: "编码村管理员", password: "admin-password", roles: ["admin"] }, SYSTEM);
    const actor = accountActor(clerk.id, "编码村管理员");
    const files = { gbk: gbkCsv(), gb18030: gb18030Csv(), bom: utf8Csv(true), xlsx: await libraryXlsx(), wps: wpsXlsx() };
    const previews = [];
    for (const [kind, bytes] of Object.entries(files)) {
      const preview = await importRoster({ orgId: org, file: b64(bytes), createMissingHouseholds: true, dryRun: true }, actor);
      expect(preview.errorCount, kind).toBe(0);
      previews.push(preview.rows);
    }
    expect(previews[0]?.map((r) => [r.name, r.phone, r.idNumberMasked, r.household, r.relationship, r.gender])).toEqual([
      ["黎彧明", "13900000011", "4401**********2014", "1号户", "户主", "male"],
      ["冯喆", "13900000012", "4401**********0040", "1号户", "配偶", "female"],
      ["黎晓", null, null, "1号户", "子", "male"],
      ["区淑贞", "13900000014", "4401**********1142", "2号户", "户主", "female"],
    ]);
    for (const rows of previews) expect(rows).toEqual(previews[0]);
  });

  it("stores the ID number masked and keyed-hashed, never in full, and refuses it a second time", async () => {
    const org = (await createOrganization({ name: "身份村", level: "village" }, SYSTEM)).id;
    const clerk = await createAccount({ orgId: org, phone: "13700000004", displayName: "身份村管理员", password: "admin-password", roles: ["admin"] }, SYSTEM);
    const actor = accountActor(clerk.id, "身份村管理员");
    const result = await importRoster({ orgId: org, file: b64(gbkCsv()), createMissingHouseholds: true, dryRun: false }, actor);
    expect(result.imported).toBe(4);
    const stored = await db.prisma.person.findMany({
      where: { orgId: org },
      orderBy: { name: "asc" },
      select: { name: true, idNumberMasked: true, idNumberHash: true, relationship: true },
    });
    expect(stored.find((p) => p.name === "冯喆")).toMatchObject({ idNumberMasked: "4401**********0040", relationship: "配偶" });
    expect(stored.find((p) => p.name === "冯喆")?.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain("200002290040");
    const again = await importRoster({ orgId: org, file: b64(await libraryXlsx()), createMissingHouseholds: true, dryRun: true }, actor);
    expect(again.rows[1]?.errors).toContain("id_existing");
  });

  it("tells a file it cannot read by its encoding and line, and imports nothing", async () => {
    const bytes = Buffer.from(gbkCsv());
    bytes[bytes.indexOf(0x0a) + 1] = 0xff;
    const before = await count("person");
    const preview = await importRoster({ orgId, file: b64(new Uint8Array(bytes)), dryRun: true }, admin);
    expect(preview).toMatchObject({ problem: "encoding", problemLine: 2, rows: [], errorCount: 1 });
    await expect(importRoster({ orgId, file: b64(new Uint8Array(bytes)), dryRun: false }, admin)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await count("person")).toBe(before);
  });
});
