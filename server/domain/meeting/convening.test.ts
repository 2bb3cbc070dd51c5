import { describe, expect, it } from "vitest";
import { checkPetition } from "./convening";

describe("petitions to convene", () => {
  it("VCOL 26: one fifth of the representatives obliges a villager representatives' meeting", () => {
    expect(checkPetition("villager-representatives", 3, 15, "2025-06-01")).toEqual([]);
    const [warning] = checkPetition("villager-representatives", 2, 15, "2025-06-01");
    expect(warning?.code).toBe("petition_below_threshold");
    expect(warning?.message["zh-CN"]).toContain("15人中至少3人");
    expect(warning?.legalBasis).toBe("村民委员会组织法（2018年修正）第二十六条");
    expect(checkPetition("villager-representatives", 2, 15, "2026-06-01")[0]?.legalBasis).toBe("村民委员会组织法（2025年修正）第三十条");
  });

  it("VCOL 21: one tenth of the villagers for a villagers' assembly (以上 includes the number)", () => {
    expect(checkPetition("villagers-assembly", 30, 300, "2025-06-01")).toEqual([]);
    expect(checkPetition("villagers-assembly", 29, 300, "2025-06-01")).toHaveLength(1);
  });

  it("no warning where the law sets no threshold (the charter does)", () => {
    expect(checkPetition("members-assembly", 1, 300, "2025-06-01")).toEqual([]);
  });
});
