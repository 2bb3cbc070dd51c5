/**
 * The split-view rule (issue #21 item 3) on plain facts: the township witness's refusal of an inconsistent checkpoint
 * is one red alert naming both trees (sizes, roots, times) and the failed proof; no refusal, no alert.
 */
import { describe, expect, it } from "vitest";
import { type AlertFacts, computeAlerts, DEFAULT_ALERT_SETTINGS, type SplitViewFact, worstLevel } from ".";

const ORG = "org_v1";
const NOW = new Date("2026-06-15T04:00:00Z");
const ROOT_A = "q1Yk0eI6Yxv0o3V1a0m4mXzJ8m3QeTqvQk3l1o9V0xE=";
const ROOT_B = "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyMDA=";

function facts(splitView?: SplitViewFact | null): AlertFacts {
  return {
    orgId: ORG,
    meetings: [],
    quorum: [],
    decisions: [],
    notices: [],
    objections: [],
    stageJumps: [],
    implementations: [],
    households: [],
    checkpointSize: 14,
    splitView,
  };
}

const extension: SplitViewFact = {
  witness: "大沥镇（演示）",
  cosigned: { size: 12, rootHash: ROOT_A, at: new Date("2026-06-14T02:10:00Z") },
  submitted: { size: 14, rootHash: ROOT_B, at: new Date("2026-06-15T03:20:00Z") },
  proof: { fromSize: 12, hashes: 3 },
  reason: "the consistency proof from the cosigned size 12 to 14 does not verify",
  refusals: 1,
};

describe("witness_split_view", () => {
  it("a clean log (no refusal, or no township witness at all) raises nothing", () => {
    expect(computeAlerts(facts(null), DEFAULT_ALERT_SETTINGS, NOW)).toEqual([]);
    expect(computeAlerts(facts(undefined), DEFAULT_ALERT_SETTINGS, NOW)).toEqual([]);
  });

  it("a refused extension is red, with both checkpoints, the times and the failed proof in words, and links to the evidence", () => {
    const alerts = computeAlerts(facts(extension), DEFAULT_ALERT_SETTINGS, NOW);
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(worstLevel(alerts)).toBe("red");
    expect(alert).toMatchObject({ level: "red", scope: "village", code: "witness_split_view", occurredOn: "2026-06-15" });
    expect(alert!.message["zh-CN"]).toContain(`已见证：前 12 条，根哈希 ${ROOT_A}，2026-06-14 10:10 见证`);
    expect(alert!.message["zh-CN"]).toContain(`新提交：前 14 条，根哈希 ${ROOT_B}，2026-06-15 11:20 提交`);
    expect(alert!.message["zh-CN"]).toContain("一致性证明（从第 12 条起，3 个哈希）不能证明新树是已见证的前 12 条的延续");
    expect(alert!.message.en).toContain("refused a new checkpoint");
    expect(alert!.rule["zh-CN"]).toContain("同一条数只认一个根哈希");
    expect(alert!.legalBasis).toContain("村民委员会组织法");
    expect(alert!.evidence.href).toBe(`/orgs/${ORG}/witness`);
  });

  it("the same size with another root says so; a shorter log says entries are gone", () => {
    const same = computeAlerts(
      facts({ ...extension, submitted: { ...extension.submitted, size: 12 }, proof: { fromSize: 12, hashes: 0 } }),
      DEFAULT_ALERT_SETTINGS,
      NOW,
    );
    expect(same[0]!.message["zh-CN"]).toContain("两者同为前 12 条记录，根哈希却不同");
    const shorter = computeAlerts(facts({ ...extension, submitted: { ...extension.submitted, size: 9 }, refusals: 2 }), DEFAULT_ALERT_SETTINGS, NOW);
    expect(shorter[0]!.message["zh-CN"]).toContain("新检查点比已见证的还短（9 < 12 条）");
    expect(shorter[0]!.message["zh-CN"]).toContain("见证共拒绝 2 次");
  });
});
