/**
 * Proposals and co-signatures (issue #22) through the commands on the demo village: 30 adult villagers (one tenth:
 * 3) and a 村民代表会议 with 12 representative seats (one fifth: 3; one third: 4). Each threshold is met exactly by
 * the signature that reaches it and not by the one before; a duty to convene is recorded once per body.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { conveningDuties, proposalBoard } from "../../queries/proposals";
import { demoPhone, NEIGHBOUR_ADMIN_PHONE } from "../../testing/builders";
import { openInProcessDb } from "../../testing/inProcessDb";
import { DAY_MS } from "../../time";
import { type Actor, accountActor } from "../actor";
import { answerProposal } from "./answerProposal";
import { coSignProposal } from "./coSignProposal";
import { coSignWithCode } from "./coSignWithCode";
import { issueSignCode } from "./issueSignCode";
import { submitProposal } from "./submitProposal";

let db: Database;
let close: () => Promise<void>;
let villageId = "";
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  await seedDemo();
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" } })).id;
  const phones = {
    admin: demoPhone("admin"),
    neighbour: NEIGHBOUR_ADMIN_PHONE,
    chair: demoPhone("chair"),
    huang: demoPhone("member"),
    li: demoPhone("member", 1),
    he: demoPhone("member", 2),
    liang: demoPhone("recorder"),
    supervisor: demoPhone("supervisor"),
  };
  for (const [key, phone] of Object.entries(phones)) {
    const account = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true } });
    actors[key] = accountActor(account.id, account.displayName);
  }
}, 180_000);
afterAll(async () => close?.());

const as = (key: string) => actors[key] as Actor;

async function auditActions(proposalId: string): Promise<{ action: string; data: Record<string, unknown> }[]> {
  const rows = await db.prisma.auditEntry.findMany({ where: { orgId: villageId }, orderBy: { seq: "asc" }, select: { bytes: true } });
  return rows
    .map((r) => JSON.parse(r.bytes) as { action: string; object: { id: string }; data: Record<string, unknown> })
    .filter((e) => (e as unknown as { object: { id: string } }).object.id === proposalId);
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
    await expect(answerProposal({ proposalId: id, outcome: "answer", answer: "好" }, as("admin"))).rejects.toMatchObject({
      code: "invalid_input",
      field: "answer",
    });
    await expect(answerProposal({ proposalId: id, outcome: "answer", answer: "祠堂修缮已列入明年预算。" }, as("huang"))).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await answerProposal({ proposalId: id, outcome: "answer", answer: "祠堂修缮已列入明年预算。" }, as("admin"))).toEqual({
      state: "answered",
      matterId: null,
    });
    await expect(coSignProposal({ proposalId: id }, as("li"))).rejects.toMatchObject({ code: "conflict", details: { reason: "proposal_closed" } });
    expect(await db.prisma.proposalSignature.count({ where: { proposalId: id } })).toBe(1);
  });

  it("the admin makes a proposal a matter raised by villagers (S0); the board shows counts, never who signed", async () => {
    const { id } = await submitProposal({ orgId: villageId, title: "村口垃圾分类点" }, as("li"));
    await coSignProposal({ proposalId: id }, as("he"));
    const { matterId } = await answerProposal({ proposalId: id, outcome: "matter" }, as("admin"));
    expect(await db.prisma.matter.findUnique({ where: { id: matterId ?? "" }, select: { title: true, source: true, stage: true } })).toEqual({
      title: "村口垃圾分类点",
      source: "villagers",
      stage: "raised",
    });
    const board = await proposalBoard(null, villageId);
    const view = board.proposals.find((p) => p.id === id);
    expect(view).toMatchObject({ state: "converted", count: 2, matterId });
    expect(JSON.stringify(board)).not.toMatch(/1390000\d{4}|13800000\d{3}/);
  });
});

/** Adult residents of the demo village who hold no account: they sign with a code the clerk hands them. */
async function residentsWithoutAccount(count: number): Promise<{ id: string; name: string }[]> {
  const people = await db.prisma.person.findMany({
    where: { orgId: villageId, isAdult: true, deletedAt: null, account: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  expect(people.length).toBeGreaterThanOrEqual(count);
  return people.slice(0, count);
}

describe("co-signing with a one-time code from the clerk (联名码)", () => {
  it("a resident without an account signs once with the code; it counts toward the threshold like any signature", async () => {
    const { id } = await submitProposal({ orgId: villageId, title: "修建村老年活动室" }, as("huang"));
    const [first, second] = await residentsWithoutAccount(2);
    const issued = await issueSignCode({ proposalId: id, personId: first?.id }, as("admin"));
    expect(issued.code).toMatch(/^\d{10}$/);
    expect(issued.personName).toBe(first?.name);
    // Typed with spaces and full-width digits, as a Chinese phone keyboard may give them.
    const typed = `${issued.code.slice(0, 4)} ${issued.code.slice(4)}`.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(await coSignWithCode({ proposalId: id, code: typed })).toEqual({ count: 2, reached: [] });
    await expect(coSignWithCode({ proposalId: id, code: issued.code })).rejects.toMatchObject({ code: "conflict", details: { reason: "code_used" } });
    // The third signature is one tenth of the village's 30 adults: the duty to convene follows, whatever the way.
    const other = await issueSignCode({ proposalId: id, personId: second?.id }, as("admin"));
    expect(await coSignWithCode({ proposalId: id, code: other.code })).toEqual({ count: 3, reached: ["villagers-assembly"] });
    const rows = await db.prisma.proposalSignature.findMany({ where: { proposalId: id }, select: { via: true } });
    expect(rows.map((r) => r.via).sort()).toEqual(["account", "code", "code"]);
    const audit = await auditActions(id);
    const issuedEntry = audit.find((e) => e.action === "proposal.code_issued");
    expect(issuedEntry?.data).toMatchObject({ personId: first?.id, codeId: issued.codeId });
    // The log never holds the code itself.
    expect(JSON.stringify(audit)).not.toContain(issued.code);
    expect(audit.filter((e) => e.action === "proposal.signed").map((e) => e.data.via ?? "account")).toEqual(["account", "code", "code"]);
  });

  it("refuses a wrong, replaced, expired or other proposal's code, and codes for people who may not or already did sign", async () => {
    const { id } = await submitProposal({ orgId: villageId, title: "村道两旁种树" }, as("li"));
    const { id: otherProposal } = await submitProposal({ orgId: villageId, title: "河涌清淤" }, as("li"));
    const [person, late] = await residentsWithoutAccount(4).then((p) => p.slice(2));
    await expect(coSignWithCode({ proposalId: id, code: "123" })).rejects.toMatchObject({ code: "invalid_input", field: "code" });
    await expect(coSignWithCode({ proposalId: id, code: "0000000000" })).rejects.toMatchObject({ code: "invalid_input", details: { reason: "code_unknown" } });
    const old = await issueSignCode({ proposalId: id, personId: person?.id }, as("admin"));
    const replacement = await issueSignCode({ proposalId: id, personId: person?.id }, as("admin"));
    await expect(coSignWithCode({ proposalId: id, code: old.code })).rejects.toMatchObject({ details: { reason: "code_unknown" } });
    await expect(coSignWithCode({ proposalId: otherProposal, code: replacement.code })).rejects.toMatchObject({ details: { reason: "code_unknown" } });
    const expiring = await issueSignCode({ proposalId: otherProposal, personId: late?.id }, as("admin"));
    await expect(coSignWithCode({ proposalId: otherProposal, code: expiring.code }, new Date(Date.now() + 15 * DAY_MS))).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "code_expired" },
    });
    // Only the clerk issues codes; only for adults of this village who have not signed yet; only while open.
    await expect(issueSignCode({ proposalId: id, personId: person?.id }, as("chair"))).rejects.toMatchObject({ code: "forbidden" });
    const author = await db.prisma.proposal.findUniqueOrThrow({ where: { id }, select: { authorPersonId: true } });
    await expect(issueSignCode({ proposalId: id, personId: author.authorPersonId }, as("admin"))).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "already_signed" },
    });
    const outsider = await db.prisma.person.findFirstOrThrow({ where: { orgId: { not: villageId } }, select: { id: true } });
    await expect(issueSignCode({ proposalId: id, personId: outsider.id }, as("admin"))).rejects.toMatchObject({
      code: "invalid_input",
      details: { reason: "not_eligible" },
    });
    await answerProposal({ proposalId: id, outcome: "answer", answer: "村道绿化已列入明年计划。" }, as("admin"));
    await expect(coSignWithCode({ proposalId: id, code: replacement.code })).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "proposal_closed" },
    });
    await expect(issueSignCode({ proposalId: id, personId: late?.id }, as("admin"))).rejects.toMatchObject({ details: { reason: "proposal_closed" } });
    expect(await db.prisma.proposalSignature.count({ where: { proposalId: id } })).toBe(1);
  });
});

describe("attachments to a proposal", () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

  it("keeps up to three photos or PDFs, public with the proposal, their SHA-256 in the log", async () => {
    const { id } = await submitProposal(
      {
        orgId: villageId,
        title: "桥面开裂需要维修",
        attachments: [
          { filename: "C:\\照片\\桥面.png", data: PNG },
          { filename: "说明.pdf", data: PDF },
        ],
      },
      as("he"),
    );
    const view = (await proposalBoard(null, villageId)).proposals.find((p) => p.id === id);
    expect(view?.attachments.map((a) => [a.filename, a.mime, a.size])).toEqual([
      ["桥面.png", "image/png", PNG.byteLength],
      ["说明.pdf", "application/pdf", PDF.byteLength],
    ]);
    const submitted = (await auditActions(id)).find((e) => e.action === "proposal.submitted");
    expect((submitted?.data.attachments as { sha256: string }[] | undefined)?.map((a) => a.sha256)).toHaveLength(2);
  });

  it("refuses a file that is not a photo or PDF, an empty one, a fourth one and one over 10 MB, and keeps nothing", async () => {
    const before = await db.prisma.proposal.count({ where: { orgId: villageId } });
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00]);
    await expect(submitProposal({ orgId: villageId, title: "附件不对", attachments: [{ filename: "照片.png", data: exe }] }, as("he"))).rejects.toMatchObject({
      code: "invalid_input",
      field: "attachments",
      details: { reason: "type" },
    });
    await expect(
      submitProposal({ orgId: villageId, title: "附件为空", attachments: [{ filename: "空.pdf", data: new Uint8Array() }] }, as("he")),
    ).rejects.toMatchObject({ details: { reason: "empty" } });
    await expect(
      submitProposal(
        { orgId: villageId, title: "附件太多", attachments: Array.from({ length: 4 }, (_, i) => ({ filename: `${i}.png`, data: PNG })) },
        as("he"),
      ),
    ).rejects.toMatchObject({ details: { reason: "too_many" } });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    await expect(submitProposal({ orgId: villageId, title: "附件太大", attachments: [{ filename: "大.pdf", data: big }] }, as("he"))).rejects.toMatchObject({
      details: { reason: "attachment_too_large" },
    });
    expect(await db.prisma.proposal.count({ where: { orgId: villageId } })).toBe(before);
  });
});
