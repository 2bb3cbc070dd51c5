import { describe, expect, it } from "vitest";
import { nonVotingLabel, TOWNSHIP_REVIEWER_TITLE, witnessLine } from "./participation";

describe("the township in a village meeting (issue #20)", () => {
  it("writes a witness as 见证：name（title）", () => {
    expect(witnessLine({ name: "黄预审", title: TOWNSHIP_REVIEWER_TITLE })).toBe("见证：黄预审（镇街工作人员）");
  });
  it("names a 列席 attendee with unit and title, or the name alone", () => {
    expect(nonVotingLabel({ name: "黄预审", affiliation: "大沥镇（演示）", title: "镇街工作人员" })).toBe("黄预审（大沥镇（演示），镇街工作人员）");
    expect(nonVotingLabel({ name: "镇驻村干部", affiliation: "镇政府", title: null })).toBe("镇驻村干部（镇政府）");
    expect(nonVotingLabel({ name: "张三", affiliation: null, title: null })).toBe("张三");
  });
});
