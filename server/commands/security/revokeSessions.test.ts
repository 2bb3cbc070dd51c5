/**
 * "Log out everywhere" and disabling an account work for an account with no person and no role (issue #17): a
 * former staff member whose role was taken away, or an account no organization knows. Before, both answered
 * not_found and every session of that account stayed valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { buildOrganization } from "../../testing/builders";
import { openInProcessDb } from "../../testing/inProcessDb";
import { revokeRole } from "../account/revokeRole";
import { accountActor } from "../actor";
import { logoutEverywhere, setAccountDisabled } from "./revokeSessions";

let db: Database;
let close: () => Promise<void>;
let orgId = "";
let admin = accountActor("", "");

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  orgId = (await buildOrganization()).id;
  const adminAccount = await db.prisma.account.create({ data: { phone: "13600000001", displayName: "文书", roles: { create: { orgId, role: "admin" } } } });
  admin = accountActor(adminAccount.id, adminAccount.displayName);
});
afterAll(async () => close?.());

async function formerStaff(phone: string): Promise<{ id: string; displayName: string }> {
  const account = await db.prisma.account.create({ data: { phone, displayName: "前监督", roles: { create: { orgId, role: "supervisor" } } } });
  await revokeRole({ orgId, accountId: account.id, role: "supervisor" }, admin);
  return account;
}

const versionOf = async (id: string) => (await db.prisma.account.findUniqueOrThrow({ where: { id }, select: { tokenVersion: true } })).tokenVersion;

describe("an account with no person and no role", () => {
  it("can log out everywhere: every earlier session is refused, and the organization that knew it logs it", async () => {
    const staff = await formerStaff("13600000002");
    const before = await versionOf(staff.id);
    await expect(logoutEverywhere({}, accountActor(staff.id, staff.displayName))).resolves.toEqual({ tokenVersion: before + 1 });
    const logged = await db.prisma.auditEntry.findMany({ where: { orgId, action: "account.sessions_revoked" }, select: { bytes: true } });
    expect(logged.map((e) => e.bytes).join("")).toContain(staff.id);
  });

  it("can log out everywhere even when no organization ever knew it", async () => {
    const stray = await db.prisma.account.create({ data: { phone: "13600000003", displayName: "无组织" } });
    await expect(logoutEverywhere({}, accountActor(stray.id, stray.displayName))).resolves.toEqual({ tokenVersion: 1 });
  });

  it("can be disabled by an admin of the organization that took its role, which ends its sessions", async () => {
    const staff = await formerStaff("13600000004");
    const before = await versionOf(staff.id);
    await expect(setAccountDisabled({ orgId, accountId: staff.id, disabled: true }, admin)).resolves.toEqual({ disabled: true });
    const after = await db.prisma.account.findUniqueOrThrow({ where: { id: staff.id }, select: { disabled: true, tokenVersion: true } });
    expect(after).toEqual({ disabled: true, tokenVersion: before + 1 });
  });

  it("cannot be disabled by an admin of another organization", async () => {
    const staff = await formerStaff("13600000005");
    const otherOrg = (await buildOrganization()).id;
    const otherAdmin = await db.prisma.account.create({
      data: { phone: "13600000006", displayName: "邻村文书", roles: { create: { orgId: otherOrg, role: "admin" } } },
    });
    await expect(
      setAccountDisabled({ orgId: otherOrg, accountId: staff.id, disabled: true }, accountActor(otherAdmin.id, otherAdmin.displayName)),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await db.prisma.account.findUniqueOrThrow({ where: { id: staff.id }, select: { disabled: true } })).disabled).toBe(false);
  });
});
