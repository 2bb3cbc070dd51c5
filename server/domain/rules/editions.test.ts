import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { citationText, citationWords, cite, inForce } from "./citations";
import { describeBodyRules } from "./describe";
import { EDITIONS, editionOn, shanghaiDate } from "./editions";
import { evaluateDecision } from "./evaluate";
import { checkNoticePeriod } from "./notice";

const E3 = { body: "villager-representatives", matter: "land-contract-outsider", members: 15, present: 10, yes: 6, no: 3, abstain: 1 } as const;

describe("law editions by the meeting's date (issue #16)", () => {
  it("the same decision on 2025-12-31 cites the 2018 VCOL, on 2026-01-02 the 2025 amendment", () => {
    const before = evaluateDecision({ ...E3, on: "2025-12-31" });
    const after = evaluateDecision({ ...E3, on: "2026-01-02" });
    expect(before.legalBasis[0]).toBe("村民委员会组织法（2018年修正）第二十六条");
    expect(after.legalBasis[0]).toBe("村民委员会组织法（2025年修正）第三十条");
    expect(before.legalBasis).not.toEqual(after.legalBasis);
    expect(before.editions.map((e) => e.id)).toContain("VCOL-2018");
    expect(after.editions.map((e) => e.id)).toContain("VCOL-2025");
    // The rule itself is the same in both editions: ⅔ of all 15, 10 votes.
    expect([before.yesRequired, after.yesRequired]).toEqual([10, 10]);
    expect(after.explanation["zh-CN"]).toContain("《村民委员会组织法》（2025年修正）第三十条");
  });

  it("takes the day in Asia/Shanghai: 2025-12-31T16:30Z is already 2026-01-01 in China", () => {
    expect(shanghaiDate("2025-12-31T16:30:00Z")).toBe("2026-01-01");
    expect(evaluateDecision({ ...E3, on: new Date("2025-12-31T15:59:00Z") }).editions.map((e) => e.id)).toContain("VCOL-2018");
    expect(evaluateDecision({ ...E3, on: new Date("2025-12-31T16:00:00Z") }).editions.map((e) => e.id)).toContain("VCOL-2025");
  });

  it("every citation of a statute names its edition, in every table", () => {
    for (const on of ["2025-06-01", "2026-06-01"]) {
      for (const basis of describeBodyRules("villagers-assembly", undefined, on).legalBasis) {
        if (basis.startsWith("“四议两公开”") || basis.startsWith("本组织章程")) continue;
        expect(basis).toMatch(/（20\d\d年(修正|通过|印发)）/);
      }
    }
  });

  it("a citation already fixed to an edition is never renumbered (recorded results stay as recorded)", () => {
    const recorded = inForce(cite("VCOL", 26), "2025-11-01");
    expect(citationText(recorded, "2026-03-01")).toBe("村民委员会组织法（2018年修正）第二十六条");
  });

  it("the notice period is cited in the edition of the meeting's day", () => {
    const [late] = checkNoticePeriod({ body: "villagers-assembly", noticeDate: "2026-01-05", meetingDate: "2026-01-08" });
    expect(late?.legalBasis).toBe("村民委员会组织法（2025年修正）第二十五条");
    const [early] = checkNoticePeriod({ body: "villagers-assembly", noticeDate: "2025-12-05", meetingDate: "2025-12-08" });
    expect(early?.legalBasis).toBe("村民委员会组织法（2018年修正）第二十一条");
  });

  it("a provision whose number in an edition is unconfirmed is cited by edition and content", () => {
    const moves = { 26: { article: null, content: { "zh-CN": "关于村民代表会议召开和作出决定的规定", en: "the provision on the meeting" } } };
    const cited = inForce(cite("VCOL", 26), "2026-02-01", moves);
    expect(citationText(cited)).toBe("村民委员会组织法（2025年修正）关于村民代表会议召开和作出决定的规定");
    expect(citationWords(cited).en).toBe("Villagers' Committee Organization Law (2025 amendment), the provision on the meeting");
  });

  it("editions of one law follow each other without gaps or overlaps", () => {
    const vcol = EDITIONS.VCOL;
    expect(editionOn("VCOL", "2025-12-31").id).toBe("VCOL-2018");
    expect(editionOn("VCOL", "2026-01-01").id).toBe("VCOL-2025");
    expect(vcol[0]?.to).toBe("2025-12-31");
    expect(vcol[1]?.from).toBe("2026-01-01");
    expect(editionOn("RCEOL", "2025-05-01").id).toBe("RCEOL-2024");
  });
  it("every statute the interface's texts cite names its edition, in both languages", () => {
    // The law names of citations.ts; a text that names a statute is followed by its edition, e.g. 《村民委员会组织法》（2025年修正）.
    const zh = /(村民委员会组织法|农村集体经济组织法|农村土地承包法|土地管理法|民法典|支部工作条例（试行）)(?!》?（20\d\d年(修正|通过|印发)）)/g;
    const en =
      /(Villagers' Committee Organization Law|Rural Collective Economic Organization Law|Rural Land Contract Law|Land Administration Law|Civil Code|VCOL|RCEOL)(?! \(20\d\d( amendment)?\))/g;
    const bare: string[] = [];
    let statutes = 0;
    for (const locale of ["zh-CN", "en"]) {
      const dir = path.join(__dirname, "../../../messages", locale);
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
        const text = readFileSync(path.join(dir, file), "utf8");
        statutes += (text.match(locale === "en" ? /Organization Law|Civil Code|Contract Law/g : /组织法|民法典|承包法/g) ?? []).length;
        for (const m of text.matchAll(locale === "en" ? en : zh)) bare.push(`${locale}/${file}: ${text.slice(m.index, m.index + 40)}`);
      }
    }
    expect(statutes).toBeGreaterThan(0);
    expect(bare).toEqual([]);
  });
});
