import { describe, expect, it } from "vitest";
import { lineDiff } from "./lineDiff";

describe("the line diff of two versions", () => {
  it("shows an inserted line as added and keeps the rest", () => {
    expect(lineDiff("甲\n乙\n丙", "甲\n乙\n新\n丙")).toEqual([
      { kind: "same", text: "甲" },
      { kind: "same", text: "乙" },
      { kind: "added", text: "新" },
      { kind: "same", text: "丙" },
    ]);
  });

  it("shows a changed line as removed then added", () => {
    const changes = lineDiff("实到12人\n通过", "实到11人\n通过").filter((l) => l.kind !== "same");
    expect(changes).toEqual([
      { kind: "removed", text: "实到12人" },
      { kind: "added", text: "实到11人" },
    ]);
  });

  it("reports nothing but same lines for identical texts", () => {
    expect(lineDiff("a\nb", "a\nb").every((l) => l.kind === "same")).toBe(true);
  });
});
