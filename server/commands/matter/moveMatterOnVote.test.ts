/** The matter pipeline as the live meeting drives it: moveMatterOnVote inside the caller's transaction. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { buildOrganization } from "../../testing/builders";
import { openInProcessDb } from "../../testing/inProcessDb";
import { SYSTEM } from "../actor";
import { moveMatter } from "./moveMatter";
import { moveMatterOnVote, type VoteOnMatter } from "./moveMatterOnVote";
import { raiseMatter } from "./raiseMatter";

let db: Database;
let close: () => Promise<void>;
let orgId: string;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  orgId = (await buildOrganization()).id;
});
afterAll(async () => close?.());

const vote = (matterId: string, extra: Partial<VoteOnMatter>): VoteOnMatter => ({
  matterId,
  meetingId: "meeting-1",
  motionId: "motion-1",
  bodyKind: "party-committee",
  passed: true,
  quorumMet: true,
  ...extra,
});
const run = (v: VoteOnMatter) => db.prisma.$transaction((tx) => moveMatterOnVote(tx, v));

describe("moveMatterOnVote", () => {
  it("carries a matter through 四议 on passed votes and records each meeting and motion", async () => {
    const { id } = await raiseMatter({ orgId, title: "村道硬底化", kind: "general", source: "villagers" }, SYSTEM);
    await moveMatter({ matterId: id, to: "proposal", reason: "支部委员会受理" }, SYSTEM);
    expect(await run(vote(id, { motionId: "m1" }))).toEqual({ matterId: id, recorded: true, from: "proposal", to: "consultation" });
    expect(await run(vote(id, { motionId: "m2", bodyKind: "two-committees" }))).toMatchObject({ to: "review" });
    expect(await run(vote(id, { motionId: "m3", bodyKind: "party-members" }))).toMatchObject({ to: "decision" });
    expect(await run(vote(id, { motionId: "m4", bodyKind: "villager-representatives" }))).toMatchObject({ to: "decision_disclosure" });
    const events = await db.prisma.matterEvent.findMany({ where: { matterId: id }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.fromStage, e.toStage, e.motionId, e.reason])).toEqual([
      ["raised", "proposal", null, "支部委员会受理"],
      ["proposal", "consultation", "m1", null],
      ["consultation", "review", "m2", null],
      ["review", "decision", "m3", null],
      ["decision", "decision_disclosure", "m4", null],
    ]);
    const moves = await db.prisma.auditEntry.count({ where: { orgId, action: "matter.moved" } });
    expect(moves).toBe(5);
  });

  it("keeps the matter where it is without quorum, and records the vote", async () => {
    const { id } = await raiseMatter({ orgId, title: "鱼塘发包", kind: "general", source: "cadres" }, SYSTEM);
    await moveMatter({ matterId: id, to: "proposal", reason: "受理" }, SYSTEM);
    expect(await run(vote(id, { quorumMet: false }))).toMatchObject({ recorded: true, from: "proposal", to: "proposal" });
  });

  it("sends a failed review back to consultation and closes a rejected decision (RULES.md §4)", async () => {
    const { id } = await raiseMatter({ orgId, title: "集体土地发包给外村企业", kind: "land-contract-outsider", source: "township" }, SYSTEM);
    await moveMatter({ matterId: id, to: "proposal", reason: "受理" }, SYSTEM);
    await run(vote(id, {}));
    await run(vote(id, { bodyKind: "two-committees" }));
    expect(await run(vote(id, { bodyKind: "party-members", passed: false }))).toMatchObject({ to: "consultation" });
    await run(vote(id, { bodyKind: "two-committees" }));
    await run(vote(id, { bodyKind: "party-members" }));
    expect(await run(vote(id, { bodyKind: "villagers-assembly", passed: false }))).toMatchObject({ to: "closed_rejected" });
  });

  it("leaves the matter alone, without failing the announcement, when the body does not decide this stage", async () => {
    const { id } = await raiseMatter({ orgId, title: "修改章程", kind: "charter", source: "party" }, SYSTEM);
    expect(await run(vote(id, {}))).toEqual({ matterId: id, recorded: false, reason: "not_voting_stage" });
    await moveMatter({ matterId: id, to: "proposal", reason: "受理" }, SYSTEM);
    expect(await run(vote(id, { bodyKind: "board" }))).toEqual({ matterId: id, recorded: false, reason: "not_decider" });
    expect(await run(vote("no-such-matter", {}))).toMatchObject({ recorded: false, reason: "not_found" });
    expect((await db.prisma.matter.findUniqueOrThrow({ where: { id } })).stage).toBe("proposal");
  });

  it("refuses a manual move forward over a voting stage, or without a reason", async () => {
    const { id } = await raiseMatter({ orgId, title: "测试", source: "other" }, SYSTEM);
    await expect(moveMatter({ matterId: id, to: "proposal", reason: "  " }, SYSTEM)).rejects.toMatchObject({ code: "invalid_input", field: "reason" });
    await moveMatter({ matterId: id, to: "proposal", reason: "受理" }, SYSTEM);
    await expect(moveMatter({ matterId: id, to: "consultation", reason: "跳过表决" }, SYSTEM)).rejects.toMatchObject({ code: "conflict" });
  });
});
