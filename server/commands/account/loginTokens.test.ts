/** One-time login codes in time: a week's validity, single use, and the PIN window after a QR login. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../auth/password";
import type { Database } from "../../db/client";
import { loginTokenState } from "../../db/load/loginCode";
import { openInProcessDb } from "../../testing/inProcessDb";
import { accountActor, SYSTEM } from "../actor";
import { createBody } from "../body/createBody";
import { setRoster } from "../body/setRoster";
import { createOrganization } from "../org/createOrganization";
import { createPerson } from "../org/createPerson";
import { issueLoginTokens } from "./issueLoginTokens";
import { redeemLoginToken } from "./redeemLoginToken";
import { resetPassword } from "./resetPassword";
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
    const entries = await db.prisma.auditEntry.findMany({
      where: { action: { in: ["login.token_issued", "login.token_redeemed", "account.password_set"] } },
      select: { action: true, bytes: true },
    });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["login.token_issued", "login.token_redeemed", "account.password_set"]));
    expect(entries.map((e) => e.bytes).join("")).not.toContain(code.token);
  });

  it("never open a session for an account that has a password: the chair's is skipped, and a code printed earlier stops working", async () => {
    const orgId = (await db.prisma.body.findUniqueOrThrow({ where: { id: bodyId }, select: { orgId: true } })).orgId;
    const chair = await createPerson({ orgId, name: "丙主任", phone: "13500000003", gender: "male" }, SYSTEM);
    const members = (await db.prisma.bodyMember.findMany({ where: { bodyId }, select: { personId: true } })).map((m) => ({ personId: m.personId }));
    await setRoster({ bodyId, members: [...members, { personId: chair.id }] }, SYSTEM);
    const earlier = await issueLoginTokens({ bodyId }, SYSTEM);
    const earlierCode = earlier.codes.find((c) => c.personId === chair.id)?.token ?? "";
    expect(earlierCode).not.toBe("");
    // The chair now logs in with a password of their own (set by a first login, or an account opened with one).
    await db.prisma.account.update({
      where: { personId: chair.id },
      data: { passwordHash: await hashPassword("Chair-of-the-board-7"), mustSetPassword: false },
    });
    const sheet = await issueLoginTokens({ bodyId }, SYSTEM);
    expect(sheet.codes.map((c) => c.personId)).not.toContain(chair.id);
    expect(sheet.skipped).toContainEqual({ personId: chair.id, name: "丙主任", reason: "has_password" });
    await expect(redeemLoginToken({ token: earlierCode })).rejects.toMatchObject({ code: "conflict", details: { reason: "superseded" } });
  });

  it("refuse a guessable password, and a new password without the current one once a password is set", async () => {
    const sheet = await issueLoginTokens({ bodyId }, SYSTEM);
    const code = sheet.codes.find((c) => c.name === "乙") as { token: string; name: string };
    const login = await redeemLoginToken({ token: code.token });
    const actor = accountActor(login.accountId, login.name);
    for (const weak of ["12345678", "woaini1314", "13500000002", "password"]) {
      await expect(setPassword({ password: weak, confirm: weak }, actor), weak).rejects.toMatchObject({
        details: { reason: weak.length < 8 ? "too_short" : "weak" },
      });
    }
    await expect(setPassword({ password: "Tea-garden-42", confirm: "Tea-garden-42" }, actor)).resolves.toMatchObject({ isPin: false });
    // The session alone (left open, or copied) cannot replace the password: the current one is asked for.
    await expect(setPassword({ password: "River-bridge-1987", confirm: "River-bridge-1987" }, actor)).rejects.toMatchObject({
      details: { reason: "current_password" },
    });
    await expect(setPassword({ password: "River-bridge-1987", confirm: "River-bridge-1987", currentPassword: "wrong-one-xyz" }, actor)).rejects.toMatchObject({
      details: { reason: "current_password" },
    });
    await expect(setPassword({ password: "River-bridge-1987", confirm: "River-bridge-1987", currentPassword: "Tea-garden-42" }, actor)).resolves.toMatchObject({
      isPin: false,
    });
  });

  it("let an admin reset a forgotten password only in the open: sessions end, the member is told, the log says who", async () => {
    const member = await db.prisma.account.findUniqueOrThrow({
      where: { phone: "13500000003" },
      select: { id: true, tokenVersion: true, person: { select: { orgId: true } } },
    });
    const orgId = member.person?.orgId ?? "";
    const admin = await db.prisma.account.create({ data: { phone: "13500000009", displayName: "文书", roles: { create: { orgId, role: "admin" } } } });
    const reset = await resetPassword({ orgId, accountId: member.id }, accountActor(admin.id, admin.displayName));
    const after = await db.prisma.account.findUniqueOrThrow({
      where: { id: member.id },
      select: { passwordHash: true, tokenVersion: true, passwordResetAt: true },
    });
    expect(after.passwordHash, "the admin never learns the password: there is none until the member chooses one").toBeNull();
    expect(after.tokenVersion).toBe(member.tokenVersion + 1);
    // The code's page tells whoever opens it that an admin reset the password, before the tap.
    expect((await loginTokenState(db.prisma, reset.token)).resetAt).toEqual(after.passwordResetAt);
    await expect(redeemLoginToken({ token: reset.token })).resolves.toMatchObject({ accountId: member.id });
    const logged = await db.prisma.auditEntry.findMany({ where: { orgId, action: "account.password_reset" }, select: { actorId: true, bytes: true } });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.actorId).toBe(admin.id);
    expect(logged[0]?.bytes).toContain(member.id);
    expect(logged[0]?.bytes).not.toContain(reset.token);
  });
});
