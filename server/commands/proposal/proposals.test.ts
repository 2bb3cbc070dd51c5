/**
 * Proposals and co-signatures (issue #22) through the commands on the demo village: 30 adult villagers (one tenth:
 * 3) and a 村民代表会议 with 12 representative seats (one fifth: 3; one third: 4). Each threshold is met exactly by
 * the signature that reaches it and not by the one before; a duty to convene is recorded once per body.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { conveningDuties, proposalBoard } from "../../queries/proposals";
import { openInProcessDb } from "../../testing/inProcessDb";
import { accountActor, type Actor } from "../actor";
import { answerProposal } from "./answerProposal";
import { coSignProposal } from "./coSignProposal";
import { submitProposal } from "./submitProposal";
import { NEIGHBOUR_ADMIN_PHONE, demoPhone } from "../../testing/builders";

let db: Database;
let close: () => Promise<void>;
let villageId = "";
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  await seedDemo();
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" } })).id;
  const phones = { admin: demoPhone("admin"), neighbour: NEIGHBOUR_ADMIN_PHONE, chair: demoPhone("chair"), huang: demoPhone("member"), li: demoPhone("member", 1), he: demoPhone("member", 2), liang: demoPhone("recorder"), supervisor: demoPhone("supervisor") };
  for (const [key, phone] of Object.entries(phones)) {
    const account = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true } });
    actors[key] = accountActor(account.id, account.displayName);
  }
}, 180_000);
afterAll(async () => close?.());

const as = (key: string) => actors[key] as Actor;

async function auditActions(proposalId: string): Promise<{ action: string; data: Record<string, unknown> }[]> {
  const rows = await db.prisma.auditEntry.findMany({ where: { orgId: villageId }, orderBy: { seq: "asc" }, select: { bytes: true } });
  return rows.map((r) => JSON.parse(r.bytes) as { action: string; object: { id: string }; data: Record<string, unknown> }).filter((e) => (e as unknown as { object: { id: string } }).object.id === proposalId);
}

describe("co-signing toward the law's thresholds", () => {
  it("records the duty to convene exactly when a threshold is reached, once per body", async () => {
    const { id } = await submitProposal({ orgId: villageId, title: "安装村道路灯", description: "村道晚上太黑" }, as("liang"));
    expect(await coSignProposal({ proposalId: id }, as("huang"))).toEqual({ count: 2, reached: [] });
    let board = (await proposalBoard(null, villageId)).proposals.find((p) => p.id === id);
    expect(board?.progress.find((p) => p.key === "villagers-tenth")).toMatchObject({ signed: 2, needed: 3, reached: false });
    // The third signature is exactly one tenth of 30 villagers.
    expect(await coSignProposal({ proposalId: id }, as("li"))).toEqual({ count: 3, reached: ["villagers-assembly"] });
    // 黄锦华, 李淑芬 and now 何耀祖 hold representative seats: 3 of 12 is one fifth.
    expect(await coSignProposal({ proposalId: id }, as("he"))).toEqual({ count: 4, reached: ["villager-representatives"] });
    expect(await coSignProposal({ proposalId: id }, as("chair"))).toEqual({ count: 5, reached: [] });
    board = (await proposalBoard(null, villageId)).proposals.find((p) => p.id === id);
    expect(board?.duties.map((d) => d.body).sort()).toEqual(["villager-representatives", "villagers-assembly"]);
    expect(board?.progress.find((p) => p.key === "representatives-third")).toMatchObject({ signed: 3, needed: 4, reached: false });
    const audit = await auditActions(id);
    expect(audit.filter((e) => e.action === "proposal.signed").map((e) => e.data.count)).toEqual([1, 2, 3, 4, 5]);
    // The convener is reminded on the clerk's overview; nobody else may read that list.
    const admin = actors.admin as { accountId: string; name: string };
    const duties = await conveningDuties({ id: admin.accountId, name: admin.name }, villageId);
    expect(duties.filter((d) => d.proposal === "安装村道路灯").map((d) => [d.body, d.signed, d.needed])).toEqual([
      ["villager-representatives", 3, 3],
      ["villagers-assembly", 3, 3],
    ]);
    const chair = actors.chair as { accountId: string; name: string };
    await expect(conveningDuties({ id: chair.accountId, name: chair.name }, villageId)).rejects.toMatchObject({ code: "forbidden" });
    expect(audit.filter((e) => e.action === "proposal.threshold_reached").map((e) => [e.data.rule, e.data.signed, e.data.needed])).toEqual([
      ["villagers-tenth", 3, 3],
      ["representatives-fifth", 3, 3],
    ]);
  });

  it("refuses a second signature, someone not eligible, and signing after the proposal was answered", async () => {
    const { id } = await submitProposal({ orgId: villageId, title: "修缮祠堂" }, as("huang"));
    await expect(coSignProposal({ proposalId: id }, as("huang"))).rejects.toMatchObject({ code: "conflict", details: { reason: "already_signed" } });
    for (const outsider of ["admin", "supervisor", "neighbour"]) {
      await expect(coSignProposal({ proposalId: id }, as(outsider))).rejects.toMatchObject({ code: "forbidden", details: { reason: "not_eligible" } });
    }
    await expect(answerProposal({ proposalId: id, outcome: "answer", answer: "好" }, as("admin"))).rejects.toMatchObject({ code: "invalid_input", field: "answer" });
    await expect(answerProposal({ proposalId: id, outcome: "answer", answer: "祠堂修缮已列入明年预算。" }, as("huang"))).rejects.toMatchObject({ code: "forbidden" });
    expect(await answerProposal({ proposalId: id, outcome: "answer", answer: "祠堂修缮已列入明年预算。" }, as("admin"))).toEqual({ state: "answered", matterId: null });
    await expect(coSignProposal({ proposalId: id }, as("li"))).rejects.toMatchObject({ code: "conflict", details: { reason: "proposal_closed" } });
    expect(await db.prisma.proposalSignature.count({ where: { proposalId: id } })).toBe(1);
  });

  it("the admin makes a proposal a matter raised by villagers (S0); the board shows counts, never who signed", async () => {
    const { id } = await submitProposal({ orgId: villageId, title: "村口垃圾分类点" }, as("li"));
    await coSignProposal({ proposalId: id }, as("he"));
    const { matterId } = await answerProposal({ proposalId: id, outcome: "matter" }, as("admin"));
    expect(await db.prisma.matter.findUnique({ where: { id: matterId ?? "" }, select: { title: true, source: true, stage: true } })).toEqual({ title: "村口垃圾分类点", source: "villagers", stage: "raised" });
    const board = await proposalBoard(null, villageId);
    const view = board.proposals.find((p) => p.id === id);
    expect(view).toMatchObject({ state: "converted", count: 2, matterId });
    expect(JSON.stringify(board)).not.toMatch(/1390000\d{4}|13800000\d{3}/);
  });
});
