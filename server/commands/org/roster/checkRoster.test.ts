import { describe, expect, it } from "vitest";
import { hashIdNumber } from "../../../domain/idNumber";
import { checkRoster, type Register } from "./checkRoster";
import { parseRosterCsv } from "./parseRoster";

const EMPTY: Register = { households: new Set(["1号户"]), people: [] };
const KEY = "k".repeat(32);
const hash = (id: string) => hashIdNumber(id, KEY);

function check(csv: string, register: Register = EMPTY, createMissing = false) {
  const parsed = parseRosterCsv(csv);
  return { parsed, rows: checkRoster(parsed.rows, register, createMissing, hash) };
}

describe("roster CSV", () => {
  it("reads Chinese headers, a byte-order mark, 男/女 and 是/否", () => {
    const { parsed, rows } = check("\uFEFF姓名,手机号,户号,性别,年满18周岁,党员,经济社成员\n张三,138 0013 8000,1号户,男,是,是,否\n");
    expect(parsed.problem).toBeNull();
    expect(rows).toEqual([
      {
        line: 2,
        name: "张三",
        phone: "13800138000",
        household: "1号户",
        idNumberMasked: null,
        idNumberHash: null,
        relationship: null,
        isNewHousehold: false,
        gender: "male",
        isAdult: true,
        isPartyMember: true,
        isCoopMember: false,
        errors: [],
      },
    ]);
  });

  it("reads English headers and yes/no, with defaults for empty flags", () => {
    const { rows } = check("name,phone,household,gender,adult,party,coop\nLi Si,,,female,,,yes\n");
    expect(rows[0]).toMatchObject({
      name: "Li Si",
      phone: null,
      household: null,
      gender: "female",
      isAdult: true,
      isPartyMember: false,
      isCoopMember: true,
      errors: [],
    });
  });

  it("lists every problem of every row, with spreadsheet line numbers", () => {
    const csv = ["姓名,手机号,户号,性别", ",13800138000,1号户,男", "王五,12345,1号户,男", "赵六,,9号户,男", "孙七,,1号户,不详"].join("\n");
    const { rows } = check(csv);
    expect(rows.map((r) => [r.line, r.errors])).toEqual([
      [2, ["missing_name"]],
      [3, ["bad_phone"]],
      [4, ["unknown_household"]],
      [5, ["bad_gender"]],
    ]);
  });

  it("creates households named in the file only when asked", () => {
    const { rows } = check("姓名,户号,性别\n赵六,9号户,男\n", EMPTY, true);
    expect(rows[0]).toMatchObject({ household: "9号户", isNewHousehold: true, errors: [] });
  });

  it("finds duplicates within the file and against the register, by name + household and by phone", () => {
    const register: Register = {
      households: new Set(["1号户", "2号户"]),
      people: [{ name: "张三", household: "1号户", phone: "13900000001", idNumberHash: null }],
    };
    const csv = [
      "姓名,手机号,户号,性别",
      "张三,,1号户,男",
      "李四,13900000001,2号户,男",
      "王五,13900000002,2号户,男",
      "王五,,2号户,男",
      "陈八,13900000002,1号户,女",
      "张三,,2号户,男",
    ].join("\n");
    const { rows } = check(csv, register);
    expect(rows.map((r) => r.errors)).toEqual([["duplicate_existing"], ["phone_existing"], [], ["duplicate_in_file"], ["phone_in_file"], []]);
  });

  it("refuses a file without a name column, with unknown columns, or empty", () => {
    expect(parseRosterCsv("手机号,性别\n13800138000,男\n").problem).toBe("missing_name_column");
    expect(parseRosterCsv("姓名,籍贯\n张三,广州\n")).toMatchObject({ problem: "unknown_column", unknownColumns: ["籍贯"] });
    expect(parseRosterCsv("姓名,性别\n").problem).toBe("empty");
    expect(parseRosterCsv('姓名,性别\n"张三,男\n').problem).toBe("unreadable");
  });

  it("keeps a 身份证号 only masked and hashed, checks its check digit, and finds it twice in the file or on the register", () => {
    const register: Register = {
      households: new Set(["1号户"]),
      people: [{ name: "老户主", household: "1号户", phone: null, idNumberHash: hash("11010519491231002X") }],
    };
    const csv = [
      "姓名,身份证号,户号,与户主关系,性别",
      "张三,440102198505052014,1号户,户主,男",
      "李四,440102199001011235,1号户,配偶,女",
      "王五,11010519491231002x,1号户,父亲,男",
      "赵六,440102198505052014,1号户,子,男",
      "钱七,,1号户,这是一段远远超过二十个字的与户主关系说明文字呀,女",
    ].join("\n");
    const { rows } = check(csv, register);
    expect(rows.map((r) => r.errors)).toEqual([[], ["bad_id_number"], ["id_existing"], ["id_in_file"], ["relationship_too_long"]]);
    expect(rows[0]).toMatchObject({ idNumberMasked: "4401**********2014", relationship: "户主", idNumberHash: hash("440102198505052014") });
    expect(rows[1]?.idNumberMasked).toBeNull();
    expect(JSON.stringify(rows)).not.toContain("198505052014");
  });
});
