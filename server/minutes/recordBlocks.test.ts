import { describe, expect, it } from "vitest";
import { buildRecordBlocks } from "./recordBlocks";
import type { MinutesRecordData, RecordPerson } from "./recordData";

const roster: RecordPerson[] = Array.from({ length: 15 }, (_, i) => ({
  personId: `p${String(i).padStart(2, "0")}`,
  name: `代表${i + 1}`,
  householdId: `h${Math.floor(i / 2)}`,
  householdNumber: `${Math.floor(i / 2) + 1}号户`,
  isAdult: true,
}));

function data(overrides: Partial<MinutesRecordData> = {}): MinutesRecordData {
  return {
    meeting: {
      id: "m1",
      orgId: "o1",
      orgName: "平洲村",
      bodyId: "b1",
      bodyName: "平洲村村民代表会议",
      bodyKind: "villager-representatives",
      charter: {},
      number: "2026年第2次",
      title: "村民代表会议",
      startsAt: "2026-11-13T01:30:00.000Z",
      place: "村委会二楼会议室",
      form: "in_person",
      noticeDate: "2026-11-05T16:00:00.000Z",
      convenerBasis: "regular",
      petitioners: null,
      isPublic: true,
      state: "adjourned",
      openedAt: "2026-11-13T01:35:00.000Z",
      adjournedAt: "2026-11-13T03:05:00.000Z",
    },
    chair: { personId: "p00", name: "代表1" },
    recorder: { personId: "p01", name: "代表2" },
    roster,
    attendance: [
      ...roster.slice(0, 8).map((p) => ({ personId: p.personId, status: "present_in_person", proxyHolderId: null, authorizationNote: null })),
      ...roster.slice(8, 10).map((p) => ({ personId: p.personId, status: "present_online", proxyHolderId: null, authorizationNote: null })),
      { personId: "p10", status: "proxy", proxyHolderId: "p00", authorizationNote: "书面委托" },
    ],
    nonVoting: [{ name: "王镇干部", affiliation: "镇农业农村办" }],
    names: Object.fromEntries(roster.map((p) => [p.personId, p.name])),
    outsiders: [],
    items: [
      {
        id: "i1",
        position: 1,
        title: "原砖厂地块出租方案",
        matter: { title: "砖厂地块出租", kind: "construction-land", stage: "decision" },
        speakers: [{ personId: "p03", grantedAt: "2026-11-13T01:50:00.000Z" }],
        recusals: [{ personId: "p09", reason: "亲属承租" }],
      },
    ],
    motions: [
      {
        id: "v1",
        itemId: "i1",
        text: "同意原砖厂地块出租方案",
        matterKind: "construction-land",
        method: "hands_named",
        state: "announced",
        expected: 15,
        present: 10,
        households: null,
        presentHouseholds: null,
        recusedCount: 1,
        enteredTotals: null,
        counters: null,
        scrutineers: null,
        result: {
          tally: { yes: 9, no: 0, abstain: 0, cast: 9 },
          passed: false,
          competent: true,
          yesRequired: 10,
          entitledCount: 9,
          notVoted: 0,
          legalBasis: ["土地管理法 第六十三条"],
          explanation: { "zh-CN": "需要全体代表三分之二以上同意。", en: "x" },
        },
        closedAt: "2026-11-13T02:40:00.000Z",
        announcedAt: "2026-11-13T02:41:00.000Z",
      },
      {
        id: "v2",
        itemId: "i1",
        text: "还在表决中",
        matterKind: "general",
        method: "named",
        state: "open",
        expected: 15,
        present: 10,
        households: null,
        presentHouseholds: null,
        recusedCount: 0,
        enteredTotals: null,
        counters: null,
        scrutineers: null,
        result: null,
        closedAt: null,
        announcedAt: null,
      },
    ],
    ...overrides,
  };
}

const field = (blocks: ReturnType<typeof buildRecordBlocks>, id: string, label: string) =>
  blocks.find((b) => b.id === id)?.fields.find((f) => f.label === label)?.value;

describe("the locked record blocks of the minutes", () => {
  const blocks = buildRecordBlocks(data());

  it("orders header, attendance, each item and its closed votes; an open vote is not in the record yet", () => {
    expect(blocks.map((b) => b.id)).toEqual(["header", "attendance", "item:i1", "vote:v1"]);
  });

  it("states the header as RULES.md §6 asks, in Beijing time", () => {
    expect(field(blocks, "header", "时间")).toBe("2026年11月13日 09:30，09:35开会，11:05散会");
    expect(field(blocks, "header", "通知日期")).toBe("2026年11月6日");
    expect(field(blocks, "header", "议事主体")).toBe("平洲村村民代表会议（村民代表会议）");
    expect(field(blocks, "header", "召集依据")).toBe("按规定定期召集");
    const petitioned = buildRecordBlocks(data({ meeting: { ...data().meeting, convenerBasis: "petition", petitioners: 4 } }));
    expect(field(petitioned, "header", "召集依据")).toBe("依联名提议召集（4人联名提议）");
  });

  it("dates the opening, the adjournment and a speech that fall on another day than the meeting's", () => {
    const late = data({
      meeting: { ...data().meeting, openedAt: "2026-11-14T01:40:00.000Z", adjournedAt: "2026-11-14T16:10:00.000Z" },
      items: [{ ...data().items[0]!, speakers: [{ personId: "p03", grantedAt: "2026-11-14T02:00:00.000Z" }] }],
    });
    const blocksLate = buildRecordBlocks(late);
    expect(field(blocksLate, "header", "时间")).toBe("2026年11月13日 09:30，2026年11月14日 09:40开会，2026年11月15日 00:10散会");
    expect(field(blocksLate, "item:i1", "发言顺序")).toBe("1. 代表4（2026年11月14日 10:00）");
  });

  it("counts attendance with the domain rules: a proxy at a representatives' meeting does not count (RULES.md §3)", () => {
    expect(field(blocks, "attendance", "实到")).toBe("10人（现场8人、线上2人、委托0人）");
    // 10/15 is 66.666…%: rounded, not cut to 66.6%.
    expect(field(blocks, "attendance", "到会比例")).toBe("10/15（66.7%）");
    expect(field(blocks, "attendance", "委托")).toBe("代表11（6号户）委托代表1，授权书：书面委托（不计入到会）");
    expect(field(blocks, "attendance", "缺席")).toBe("代表11、代表12、代表13、代表14、代表15");
    expect(field(blocks, "attendance", "列席")).toBe("王镇干部（镇农业农村办）");
    expect(field(blocks, "attendance", "法定人数")).toContain("达到法定到会数（10人）");
  });

  it("records the vote: method, counts, recusals, result with the threshold and its legal basis", () => {
    expect(field(blocks, "vote:v1", "表决方式")).toBe("举手表决（记名）");
    expect(field(blocks, "vote:v1", "表决结果")).toBe("同意9票，反对0票，弃权0票");
    expect(field(blocks, "vote:v1", "回避")).toBe("1人：代表10（亲属承租）");
    expect(field(blocks, "vote:v1", "结论")).toBe("未通过（需同意10票）");
    expect(field(blocks, "vote:v1", "法律依据")).toBe("土地管理法 第六十三条");
    expect(field(blocks, "item:i1", "发言顺序")).toBe("1. 代表4（09:50）");
    expect(field(blocks, "item:i1", "事项")).toBe("砖厂地块出租（集体经营性建设用地出让、出租，决议）");
  });

  it("still shows what is certain when the register no longer matches the attendance", () => {
    const broken = buildRecordBlocks(
      data({
        attendance: [{ personId: "p00", status: "present_in_person", proxyHolderId: null, authorizationNote: null }],
        nonVoting: [{ name: " ", affiliation: null }],
      }),
    );
    expect(field(broken, "attendance", "应到")).toBe("15人");
  });

  it("lists a secret ballot's sorted trackers only once its result is announced, never with a voter or a choice", () => {
    const secret = {
      ...data().motions[0]!,
      id: "v3",
      text: "无记名表决",
      method: "secret",
      state: "closed",
      result: {
        tally: { yes: 2, no: 1, abstain: 0 },
        passed: true,
        yesRequired: 2,
        trackers: ["ZZZZ-0000-1111-2222", "7K3F-9QX2-M0DA-B4TC", "AAAA-BBBB-CCCC-DDDD"],
      },
      announcedAt: null,
    };
    const closed = buildRecordBlocks(data({ motions: [secret] }));
    expect(field(closed, "vote:v3", "选票编号")).toBeUndefined();
    const announced = buildRecordBlocks(data({ motions: [{ ...secret, state: "announced", announcedAt: "2026-11-13T02:41:00.000Z" }] }));
    expect(field(announced, "vote:v3", "选票编号")).toBe(
      "3个，按顺序：7K3F-9QX2-M0DA-B4TC、AAAA-BBBB-CCCC-DDDD、ZZZZ-0000-1111-2222。投票人可凭投票时领到的编号核对自己的选票已计入总票数；编号不显示所选内容。",
    );
  });
});
