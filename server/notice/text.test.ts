import { describe, expect, it } from "vitest";
import { charCount, hasPersonalNumber, maskPersonalNumbers, requireText } from "./text";

describe("public texts", () => {
  it("counts characters as people do, a rare character as one", () => {
    expect(charCount("异议𠀀")).toBe(3);
    expect(() => requireText("𠀀".repeat(2_000), "text", 2_000)).not.toThrow();
    expect(() => requireText("𠀀".repeat(2_001), "text", 2_000)).toThrow(expect.objectContaining({ code: "invalid_input", field: "text" }));
    expect(() => requireText("   ", "text", 2_000)).toThrow(expect.objectContaining({ field: "text" }));
  });

  it("finds and masks mobile and ID numbers, and leaves amounts and dates alone", () => {
    expect(hasPersonalNumber("请打13912345678")).toBe(true);
    expect(hasPersonalNumber("身份证44010619900101123X")).toBe(true);
    expect(hasPersonalNumber("总额860000元，2026年11月27日，合同号20261127001")).toBe(false);
    expect(maskPersonalNumbers("电话13912345678，身份证44010619900101123X")).toBe("电话139****5678，身份证440106********123X");
  });

  it("refuses personal numbers where an official text must not carry them", () => {
    expect(() => requireText("联系 13800000009", "body", 5_000, { noPersonalNumbers: true })).toThrow(
      expect.objectContaining({ field: "body", details: { reason: "personal_data" } }),
    );
  });
});
