/** One-time login codes in time: a week's validity, single use, and the PIN window after a QR login. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { openInProcessDb } from "../../testing/inProcessDb";
import { accountActor, SYSTEM } from "../actor";
import { createBody } from "../body/createBody";
import { setRoster } from "../body/setRoster";
import { createOrganization } from "../org/createOrganization";
import { createPerson } from "../org/createPerson";
import { issueLoginTokens } from "./issueLoginTokens";
import { redeemLoginToken } from "./redeemLoginToken";
import { setPassword } from "./setPassword";

let db: Database;
let close: () => Promise<void>;
let bodyId: string;

const DAY = 86_400_000;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  const orgId = (await createOrganization({ name: "测试村", level: "village" }, SYSTEM)).id;
  const a = await createPerson({ orgId, name: "甲", phone: "13500000001", gender: "male" }, SYSTEM);
  const b = await createPerson({ orgId, name: "乙", phone: "13500000002", gender: "female" }, SYSTEM);
  bodyId = (await createBody({ orgId, kind: "board", name: "理事会" }, SYSTEM)).id;
  await setRoster({ bodyId, members: [{ personId: a.id }, { personId: b.id }] }, SYSTEM);
});
afterAll(async () => close?.());

describe("login codes", () => {
  it("expire after seven days", async () => {
    const issuedAt = new Date(Date.now() - 8 * DAY);
    const sheet = await issueLoginTokens({ bodyId }, SYSTEM, issuedAt);
    expect(sheet.codes).toHaveLength(2);
    await expect(redeemLoginToken({ token: sheet.codes[0]?.token })).rejects.toMatchObject({ code: "conflict", details: { reason: "expired" } });
    const stillValid = await issueLoginTokens({ bodyId }, SYSTEM, new Date(Date.now() - 6 * DAY));
    await expect(redeemLoginToken({ token: stillValid.codes[0]?.token })).resolves.toMatchObject({ name: stillValid.codes[0]?.name });
  });

  it("work once, store only a hash, and let the member choose a PIN within the hour", async () => {
    const sheet = await issueLoginTokens({ bodyId }, SYSTEM);
    const code = sheet.codes[1] as { token: string; name: string };
    expect(await db.prisma.loginToken.count({ where: { tokenHash: code.token } })).toBe(0);
    const login = await redeemLoginToken({ token: code.token });
    await expect(redeemLoginToken({ token: code.token })).rejects.toMatchObject({ details: { reason: "used" } });
    const actor = accountActor(login.accountId, login.name);
    await expect(setPassword({ password: "123456", confirm: "123456" }, actor, new Date(Date.now() + 2 * 3_600_000))).rejects.toMatchObject({
      details: { reason: "pin_not_allowed" },
    });
    await expect(setPassword({ password: "123456", confirm: "123456" }, actor)).resolves.toMatchObject({ isPin: true });
    // Once a password is set, a PIN is no longer allowed (the onboarding is over).
    await expect(setPassword({ password: "654321", confirm: "654321" }, actor)).rejects.toMatchObject({ details: { reason: "pin_not_allowed" } });
    const entries = await db.prisma.auditEntry.findMany({ where: { action: { in: ["login.token_issued", "login.token_redeemed", "account.password_set"] } }, select: { action: true, bytes: true } });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["login.token_issued", "login.token_redeemed", "account.password_set"]));
    expect(entries.map((e) => e.bytes).join("")).not.toContain(code.token);
  });
});
