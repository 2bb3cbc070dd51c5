/**
 * Commands declare what happens after their commit (server/events.ts, `afterCommit`): the listeners hear of it only
 * once the change is committed and visible to everyone, never when the transaction rolled back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../db/client";
import { AppError } from "../errors";
import { onEvent, type YishiEvent } from "../events";
import { openInProcessDb } from "../testing/inProcessDb";
import { accountActor, SYSTEM } from "./actor";
import { createOrganization } from "./org/createOrganization";
import { afterCommit, runCommand } from "./run";
import { setAccountDisabled } from "./security/revokeSessions";

let db: Database;
let close: () => Promise<void>;
let orgId = "";
/** Each event heard, with the organization's name as the database showed it (outside the transaction) at that moment. */
const heard: { event: YishiEvent; nameThen: string | undefined }[] = [];

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  orgId = (await createOrganization({ name: "测试村", level: "village" }, SYSTEM)).id;
  onEvent(async (event) => {
    const org = await db.prisma.organization.findUnique({ where: { id: orgId }, select: { name: true } });
    heard.push({ event, nameThen: org?.name });
  });
});
afterAll(async () => close?.());

const rename = (name: string, fail: boolean) =>
  runCommand(z.strictObject({ name: z.string() }), { name }, SYSTEM, async (tx, data) => {
    await tx.organization.update({ where: { id: orgId }, data: { name: data.name } });
    afterCommit(tx, { type: "meeting.changed", orgId, meetingId: `renamed-${data.name}` });
    if (fail) throw new AppError("conflict", "refused after declaring");
    return data.name;
  });

describe("after-commit events", () => {
  it("reach the listeners after the commit: the change is already visible outside the transaction", async () => {
    heard.length = 0;
    await expect(rename("新名村", false)).resolves.toBe("新名村");
    expect(heard).toEqual([{ event: { type: "meeting.changed", orgId, meetingId: "renamed-新名村" }, nameThen: "新名村" }]);
  });

  it("are dropped with a rolled-back transaction: no listener hears of a change that did not happen", async () => {
    heard.length = 0;
    await expect(rename("不存在村", true)).rejects.toMatchObject({ code: "conflict" });
    expect(heard).toEqual([]);
    expect((await db.prisma.organization.findUniqueOrThrow({ where: { id: orgId } })).name).toBe("新名村");
  });

  it("cannot be declared outside a command's transaction", () => {
    expect(() => afterCommit(db.prisma as never, { type: "meeting.changed", orgId, meetingId: "m" })).toThrow(/outside a command's transaction/);
  });

  it("carry the organization the command named: disabling an account ends its sessions in that organization's name", async () => {
    const admin = await db.prisma.account.create({ data: { phone: "13600000011", displayName: "文书", roles: { create: { orgId, role: "admin" } } } });
    const member = await db.prisma.account.create({ data: { phone: "13600000012", displayName: "监督", roles: { create: { orgId, role: "supervisor" } } } });
    heard.length = 0;
    await setAccountDisabled({ orgId, accountId: member.id, disabled: true }, accountActor(admin.id, admin.displayName));
    expect(heard.map((h) => h.event)).toEqual([{ type: "account.revoked", orgId, meetingId: "", accountId: member.id }]);
  });
});
