/**
 * The person forms' 身份证号 (issue #19 item 6), through the commands on an in-process database: kept only masked and
 * keyed-hashed, as the roster import keeps it; a wrong check digit or a number already registered is refused and
 * nothing changes; an edit without a number leaves it, a new one replaces it; the log never holds the number.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { openInProcessDb } from "../../testing/inProcessDb";
import { SYSTEM } from "../actor";
import { createOrganization } from "./createOrganization";
import { createPerson } from "./createPerson";
import { updatePerson } from "./updatePerson";

let db: Database;
let close: () => Promise<void>;
let orgId: string;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  orgId = (await createOrganization({ name: "身份证村", level: "village" }, SYSTEM)).id;
}, 120_000);

afterAll(async () => {
  await close?.();
});

const stored = (id: string) => db.prisma.person.findUniqueOrThrow({ where: { id }, select: { idNumberMasked: true, idNumberHash: true } });

describe("a 身份证号 on the person form", () => {
  it("is stored masked and hashed, refused when wrong or repeated, kept on an edit without one and replaced by a new one", async () => {
    const { id } = await createPerson({ orgId, name: "冯身份", gender: "female", idNumber: "44010219850505201 4" }, SYSTEM);
    const first = await stored(id);
    expect(first.idNumberMasked).toBe("4401**********2014");
    expect(first.idNumberHash).toMatch(/^[0-9a-f]{64}$/);

    const count = await db.prisma.person.count({ where: { orgId } });
    await expect(createPerson({ orgId, name: "错号", gender: "male", idNumber: "440102198505052015" }, SYSTEM)).rejects.toMatchObject({
      code: "invalid_input",
      field: "idNumber",
    });
    await expect(createPerson({ orgId, name: "重号", gender: "male", idNumber: "440102198505052014" }, SYSTEM)).rejects.toMatchObject({
      code: "conflict",
      field: "idNumber",
    });
    expect(await db.prisma.person.count({ where: { orgId } })).toBe(count);

    await updatePerson({ personId: id, name: "冯新名" }, SYSTEM);
    expect(await stored(id)).toEqual(first);
    await updatePerson({ personId: id, idNumber: "11010519491231002x" }, SYSTEM);
    expect((await stored(id)).idNumberMasked).toBe("1101**********002X");

    const log = await db.prisma.auditEntry.findMany({ where: { orgId }, select: { bytes: true } });
    const text = log.map((l) => l.bytes).join("\n");
    expect(text).toContain("idNumberChanged");
    expect(text).not.toContain("440102198505052014");
    expect(text).not.toContain("11010519491231002X");
  });
});
