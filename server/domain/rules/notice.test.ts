import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { checkNoticePeriod } from "./notice";

describe("checkNoticePeriod", () => {
  it.each([
    ["villagers-assembly", "村民委员会组织法（2018年修正）第二十一条"],
    ["members-assembly", "农村集体经济组织法（2024年通过）第二十七条"],
  ] as const)("a %s needs ten days' notice (%s)", (body, basis) => {
    expect(checkNoticePeriod({ body, noticeDate: "2025-05-01", meetingDate: "2025-05-11" })).toEqual([]);
    const [warning] = checkNoticePeriod({ body, noticeDate: "2025-05-02", meetingDate: "2025-05-11" });
    expect(warning).toMatchObject({ code: "notice_too_short", legalBasis: basis });
    expect(warning?.message["zh-CN"]).toBe("通知后9日即开会；应当在会议召开10日前通知。");
  });

  it("counts calendar days across months and leap days", () => {
    expect(checkNoticePeriod({ body: "members-assembly", noticeDate: "2028-02-20", meetingDate: "2028-03-01" })).toEqual([]); // 10 days, 2028 is leap
    expect(checkNoticePeriod({ body: "members-assembly", noticeDate: "2027-02-20", meetingDate: "2027-03-01" })).toHaveLength(1); // 9 days
  });

  it("takes timestamps by their calendar date in Asia/Shanghai", () => {
    // 2025-05-01T17:00Z is already 2 May in Shanghai: only 9 days before 11 May.
    expect(checkNoticePeriod({ body: "villagers-assembly", noticeDate: "2025-05-01T17:00:00Z", meetingDate: "2025-05-11" })).toHaveLength(1);
    expect(checkNoticePeriod({ body: "villagers-assembly", noticeDate: "2025-05-01T15:59:59Z", meetingDate: "2025-05-11" })).toEqual([]);
    expect(
      checkNoticePeriod({ body: "villagers-assembly", noticeDate: new Date("2025-05-01T08:00:00+08:00"), meetingDate: "2025-05-11T09:00:00+08:00" }),
    ).toEqual([]);
  });

  it("takes a charter's notice period only where it is longer than the law's, and cites the charter then", () => {
    // 村民会议: the law's ten days stand against a charter's five.
    expect(checkNoticePeriod({ body: "villagers-assembly", noticeDate: "2025-05-01", meetingDate: "2025-05-11", charterDays: 5 })).toEqual([]);
    const [longer] = checkNoticePeriod({ body: "villagers-assembly", noticeDate: "2025-05-01", meetingDate: "2025-05-11", charterDays: 15 });
    expect(longer).toMatchObject({ code: "notice_too_short", legalBasis: "本组织章程" });
    expect(longer?.message["zh-CN"]).toBe("通知后10日即开会；应当在会议召开15日前通知。");
    // 村民代表会议: the law sets no period; the charter's applies, to the day.
    expect(checkNoticePeriod({ body: "villager-representatives", noticeDate: "2025-05-04", meetingDate: "2025-05-11", charterDays: 7 })).toEqual([]);
    expect(checkNoticePeriod({ body: "villager-representatives", noticeDate: "2025-05-05", meetingDate: "2025-05-11", charterDays: 7 })[0]?.code).toBe(
      "notice_too_short",
    );
    expect(checkNoticePeriod({ body: "villager-representatives", noticeDate: "2025-05-05", meetingDate: "2025-05-11" })).toEqual([]);
  });

  it("warns when no notice date was recorded", () => {
    expect(checkNoticePeriod({ body: "members-assembly", noticeDate: null, meetingDate: "2025-05-11" })[0]?.code).toBe("notice_missing");
  });

  it("has no statutory notice period for other bodies", () => {
    expect(checkNoticePeriod({ body: "villager-representatives", noticeDate: "2025-05-10", meetingDate: "2025-05-11" })).toEqual([]);
    expect(checkNoticePeriod({ body: "board", noticeDate: null, meetingDate: "2025-05-11" })).toEqual([]);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ noticeDate: "2025-05-12", meetingDate: "2025-05-11" }, "meetingDate"],
    [{ noticeDate: "2025-02-30", meetingDate: "2025-05-11" }, "noticeDate"],
    [{ noticeDate: "2025-05-01T08:00:00", meetingDate: "2025-05-11" }, "noticeDate"],
    [{ noticeDate: "2025-05-01", meetingDate: "11 May 2025" }, "meetingDate"],
    [{ noticeDate: new Date("nonsense"), meetingDate: "2025-05-11" }, "noticeDate"],
  ])("refuses %o (field %s)", (dates, field) => {
    const run = () => checkNoticePeriod({ body: "villagers-assembly", ...dates } as Parameters<typeof checkNoticePeriod>[0]);
    expect(run).toThrow(AppError);
    try {
      run();
    } catch (error) {
      expect((error as AppError).field).toBe(field);
    }
  });
});
