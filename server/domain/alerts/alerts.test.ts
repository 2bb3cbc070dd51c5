/**
 * The alert rules on plain facts: each rule with facts that trigger it and facts that do not, thresholds from the
 * settings, and the law cited in the edition in force on the day of the facts.
 */
import { describe, expect, it } from "vitest";
import { REPLY_DAYS } from "../../notice/period";
import {
  type AlertFacts,
  alertSettings,
  computeAlerts,
  computeAlertsUntil,
  countAlerts,
  DEFAULT_ALERT_SETTINGS,
  type MeetingFact,
  nextChinaMidnight,
  worstLevel,
} from ".";
import { REPLY_DAYS_DEFAULT } from "./law";

const ORG = "org1";
const DAY = 86_400_000;
const NOW = new Date("2026-06-15T04:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const settings = DEFAULT_ALERT_SETTINGS;

function facts(partial: Partial<AlertFacts> = {}): AlertFacts {
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
    checkpointSize: 0,
    ...partial,
  };
}

function meeting(partial: Partial<MeetingFact> = {}): MeetingFact {
  return {
    id: "m1",
    number: "2026年第3次",
    title: "村民代表会议",
    bodyName: "平洲村村民代表会议",
    bodyKind: "villager-representatives",
    state: "minutes_signed",
    startsAt: daysAgo(20),
    openedAt: daysAgo(20),
    adjournedAt: daysAgo(20),
    warnings: [],
    lastAuditSeq: null,
    noticeGivenAt: null,
    ...partial,
  };
}

const matter = { id: "mat1", title: "村道硬化工程" };

describe("a clean record", () => {
  it("has no alert and is green", () => {
    const alerts = computeAlerts(facts({ meetings: [meeting()], checkpointSize: 100 }), settings, NOW);
    expect(alerts).toEqual([]);
    expect(worstLevel(alerts)).toBe("green");
  });
});

describe("procedure warnings recorded at opening", () => {
  const recorded = {
    code: "notice_too_short",
    legalBasis: "村民委员会组织法（2025年修正）第二十五条",
    message: { "zh-CN": "通知期不足十日。", en: "Notice was shorter than ten days." },
    at: daysAgo(20).toISOString(),
  };

  it("turns a short notice red, with the words and the citation as recorded", () => {
    const [alert] = computeAlerts(facts({ meetings: [meeting({ warnings: [recorded] })] }), settings, NOW);
    expect(alert).toMatchObject({
      level: "red",
      scope: "meeting",
      code: "notice_too_short",
      legalBasis: recorded.legalBasis,
      subject: { orgId: ORG, meetingId: "m1" },
      evidence: { href: "/meetings/m1" },
    });
    expect(alert?.message["zh-CN"]).toContain("通知期不足十日。");
    expect(alert?.message["zh-CN"]).toContain("2026年第3次");
    expect(alert?.occurredOn).toBe("2026-05-26");
  });

  it("keeps one alert when the same warning was recorded twice for the meeting", () => {
    const alerts = computeAlerts(facts({ meetings: [meeting({ warnings: [recorded, { ...recorded, at: daysAgo(19).toISOString() }] })] }), settings, NOW);
    expect(alerts).toHaveLength(1);
  });

  it.each([
    ["meeting_date_differs", "red"],
    ["body_not_competent", "red"],
    ["stage_incomplete", "red"],
    ["notice_missing", "yellow"],
  ] as const)("maps %s to %s", (code, level) => {
    const [alert] = computeAlerts(facts({ meetings: [meeting({ warnings: [{ ...recorded, code, motionId: "v1" }] })] }), settings, NOW);
    expect(alert).toMatchObject({ code, level, evidence: { href: `/supervise/${ORG}/decisions/v1` } });
  });
});

describe("upcoming meetings (issue #22)", () => {
  const upcoming = (startsIn: number, noticeGivenAgo: number | null) =>
    meeting({
      bodyKind: "villagers-assembly",
      state: "scheduled",
      startsAt: new Date(NOW.getTime() + startsIn * DAY),
      openedAt: null,
      adjournedAt: null,
      noticeGivenAt: noticeGivenAgo === null ? null : daysAgo(noticeGivenAgo),
    });

  it("warns when the notice reached members too late for a villagers' assembly (10 days, VCOL)", () => {
    const [alert] = computeAlerts(facts({ meetings: [upcoming(5, 1)] }), settings, NOW);
    expect(alert).toMatchObject({ level: "yellow", code: "notice_short_upcoming", evidence: { href: "/meetings/m1/notice" } });
    expect(alert?.legalBasis).toContain("村民委员会组织法");
  });

  it("warns when nothing went out and even a notice today is too short", () => {
    const [alert] = computeAlerts(facts({ meetings: [upcoming(5, null)] }), settings, NOW);
    expect(alert?.message["zh-CN"]).toContain("至今未通知任何成员");
  });

  it("is quiet while there is still time, or when the notice was early enough", () => {
    expect(computeAlerts(facts({ meetings: [upcoming(20, null)] }), settings, NOW)).toEqual([]);
    expect(computeAlerts(facts({ meetings: [upcoming(5, 6)] }), settings, NOW)).toEqual([]);
  });

  it("follows a charter that asks for more notice", () => {
    const m = { ...upcoming(8, 3), bodyKind: "villager-representatives" as const };
    expect(computeAlerts(facts({ meetings: [m] }), settings, NOW)).toEqual([]);
    expect(computeAlerts(facts({ meetings: [{ ...m, charterNoticeDays: 14 }] }), settings, NOW)).toHaveLength(1);
  });
});

describe("minutes and checkpoints after adjourning", () => {
  it("flags minutes still unsigned after the township's days, not before", () => {
    const late = meeting({ state: "adjourned", adjournedAt: daysAgo(8) });
    const [alert] = computeAlerts(facts({ meetings: [late] }), settings, NOW);
    expect(alert).toMatchObject({ code: "minutes_unsigned", level: "yellow", dueOn: "2026-06-14", evidence: { href: "/meetings/m1/minutes" } });
    expect(computeAlerts(facts({ meetings: [meeting({ state: "adjourned", adjournedAt: daysAgo(6) })] }), settings, NOW)).toEqual([]);
    expect(computeAlerts(facts({ meetings: [late] }), alertSettings({ minutesSignedWithinDays: 10 }).settings, NOW)).toEqual([]);
  });

  it("flags an adjourned meeting whose audit record no checkpoint covers", () => {
    const m = meeting({ lastAuditSeq: 41 });
    expect(computeAlerts(facts({ meetings: [m], checkpointSize: 41 }), settings, NOW)[0]).toMatchObject({
      code: "no_checkpoint_after_adjourning",
      level: "yellow",
    });
    expect(computeAlerts(facts({ meetings: [m], checkpointSize: 42 }), settings, NOW)).toEqual([]);
    const fresh = meeting({ lastAuditSeq: 41, adjournedAt: new Date(NOW.getTime() - 3_600_000) });
    expect(computeAlerts(facts({ meetings: [fresh], checkpointSize: 0 }), settings, NOW)).toEqual([]);
  });
});

describe("votes without quorum", () => {
  it("is red with the result's own explanation and legal basis", () => {
    const quorum = [
      {
        meeting: meeting(),
        motionId: "v9",
        text: "同意村道硬化方案",
        closedAt: daysAgo(3),
        present: 9,
        quorumRequired: 14,
        explanation: { "zh-CN": "实到9人，不足三分之二。", en: "9 present, fewer than two thirds." },
        legalBasis: ["村民委员会组织法（2025年修正）第三十条"],
      },
    ];
    const [alert] = computeAlerts(facts({ quorum }), settings, NOW);
    expect(alert).toMatchObject({ code: "quorum_failed", level: "red", legalBasis: "村民委员会组织法（2025年修正）第三十条" });
    expect(alert?.message["zh-CN"]).toContain("实到9，须14");
  });
});

describe("stages of a matter", () => {
  it("turns a jump with no reason red, naming the stages skipped", () => {
    const [alert] = computeAlerts(
      facts({ stageJumps: [{ matter, from: "raised", to: "decision", at: daysAgo(2), reason: null, meetingId: null, motionId: null }] }),
      settings,
      NOW,
    );
    expect(alert).toMatchObject({ code: "stage_skipped", level: "red", scope: "matter", evidence: { href: "/matters/mat1" } });
    expect(alert?.message["zh-CN"]).toContain("S1 党组织提议、S2 两委会商议、S3 党员大会审议");
    expect(alert?.legalBasis).toContain("村民委员会组织法（2025年修正）第二十八条");
  });

  it("notes an explained jump in green (stages held on paper before Yishi)", () => {
    const [alert] = computeAlerts(
      facts({ stageJumps: [{ matter, from: "raised", to: "decision", at: daysAgo(2), reason: "纸质记录", meetingId: null, motionId: null }] }),
      settings,
      NOW,
    );
    expect(alert).toMatchObject({ code: "stages_off_record", level: "green" });
  });

  it("lets an explained jump on a vote stand for the stage warning recorded when that vote opened", () => {
    const warning = {
      code: "stage_incomplete",
      legalBasis: "“四议两公开”工作法（地方实践）",
      message: { "zh-CN": "尚处于动议阶段。", en: "Still raised." },
      at: daysAgo(3).toISOString(),
      motionId: "v5",
    };
    const jump = { matter, from: "raised", to: "decision", at: daysAgo(2), reason: "纸质记录", meetingId: "m1", motionId: "v5" };
    expect(computeAlerts(facts({ meetings: [meeting({ warnings: [warning] })], stageJumps: [jump] }), settings, NOW).map((a) => a.code)).toEqual([
      "stages_off_record",
    ]);
    expect(
      computeAlerts(facts({ meetings: [meeting({ warnings: [warning] })], stageJumps: [{ ...jump, motionId: "v6" }] }), settings, NOW).map((a) => a.code),
    ).toEqual(["stage_incomplete", "stages_off_record"]);
  });

  it("never counts one step forward, a step back or a rejection as a skip", () => {
    const jumps = [
      { matter, from: "raised", to: "proposal", at: daysAgo(2), reason: null, meetingId: null, motionId: null },
      { matter, from: "decision", to: "consultation", at: daysAgo(2), reason: null, meetingId: null, motionId: null },
      { matter, from: "decision", to: "closed_rejected", at: daysAgo(2), reason: null, meetingId: null, motionId: null },
    ];
    expect(computeAlerts(facts({ stageJumps: jumps }), settings, NOW)).toEqual([]);
  });
});

describe("disclosure", () => {
  const decision = { matter, motionId: "v1", decidedAt: daysAgo(10), noticeId: null, noticePostedAt: null };

  it("flags a decision not disclosed after the township's days, citing VCOL 30 (2018) before 2026", () => {
    const [alert] = computeAlerts(facts({ decisions: [decision] }), settings, NOW);
    expect(alert).toMatchObject({ code: "decision_not_disclosed", level: "red", dueOn: "2026-06-10" });
    const old = computeAlerts(facts({ decisions: [{ ...decision, decidedAt: new Date("2025-10-01T02:00:00Z") }] }), settings, NOW)[0];
    expect(old?.legalBasis).toContain("村民委员会组织法（2018年修正）第三十条");
    expect(alert?.legalBasis).toContain("村民委员会组织法（2025年修正）关于村务公开的规定");
  });

  it("flags a late disclosure yellow and a timely one not at all", () => {
    expect(computeAlerts(facts({ decisions: [{ ...decision, noticeId: "n1", noticePostedAt: daysAgo(2) }] }), settings, NOW)[0]).toMatchObject({
      code: "decision_disclosed_late",
      level: "yellow",
    });
    expect(computeAlerts(facts({ decisions: [{ ...decision, noticeId: "n1", noticePostedAt: daysAgo(9) }] }), settings, NOW)).toEqual([]);
    expect(computeAlerts(facts({ decisions: [{ ...decision, decidedAt: daysAgo(2) }] }), settings, NOW)).toEqual([]);
  });

  const notice = {
    matter,
    noticeId: "n1",
    kind: "decision" as const,
    title: "村道硬化工程",
    postedAt: daysAgo(20),
    periodDays: 7,
    endsAt: daysAgo(13),
    movedOnAt: null,
  };

  it("flags a notice period cut short by the matter moving on before it ended", () => {
    const [alert] = computeAlerts(facts({ notices: [{ ...notice, movedOnAt: daysAgo(16) }] }), settings, NOW);
    expect(alert).toMatchObject({ code: "notice_period_cut_short", level: "red", evidence: { href: `/n/${ORG}/n1` } });
    expect(computeAlerts(facts({ notices: [{ ...notice, movedOnAt: daysAgo(12) }] }), settings, NOW)).toEqual([]);
  });

  it("flags a notice period shorter than the township accepts", () => {
    expect(computeAlerts(facts({ notices: [{ ...notice, periodDays: 3 }] }), settings, NOW)[0]).toMatchObject({
      code: "notice_period_too_short",
      level: "yellow",
    });
    expect(computeAlerts(facts({ notices: [notice] }), settings, NOW)).toEqual([]);
  });

  it("flags an objection unanswered past the deadline after the window", () => {
    const objection = { matter, noticeId: "n1", objectionId: "o1", createdAt: daysAgo(18), noticeEndsAt: daysAgo(13) };
    expect(computeAlerts(facts({ objections: [objection] }), settings, NOW)[0]).toMatchObject({ code: "objection_unanswered", level: "red" });
    expect(computeAlerts(facts({ objections: [{ ...objection, noticeEndsAt: daysAgo(5) }] }), settings, NOW)).toEqual([]);
    expect(REPLY_DAYS_DEFAULT).toBe(REPLY_DAYS);
  });

  it("flags an implementation result not disclosed: yellow when overdue, red when the matter closed without it", () => {
    expect(computeAlerts(facts({ implementations: [{ matter, stage: "implementation", implementationSince: daysAgo(100) }] }), settings, NOW)[0]).toMatchObject(
      { code: "result_not_disclosed", level: "yellow" },
    );
    expect(computeAlerts(facts({ implementations: [{ matter, stage: "implementation", implementationSince: daysAgo(30) }] }), settings, NOW)).toEqual([]);
    expect(computeAlerts(facts({ implementations: [{ matter, stage: "closed", implementationSince: daysAgo(30) }] }), settings, NOW)[0]).toMatchObject({
      level: "red",
    });
  });
});

describe("households", () => {
  const household = { householdId: "h1", householdNumber: "012", kind: "recusal" as const, count: 3, meetings: 3, latestMeetingId: "m7", latestAt: daysAgo(4) };

  it("flags a household recused or voting by proxy as often as the township's threshold", () => {
    expect(computeAlerts(facts({ households: [household] }), settings, NOW)[0]).toMatchObject({
      code: "household_recused_repeatedly",
      scope: "village",
      evidence: { href: "/meetings/m7" },
    });
    expect(computeAlerts(facts({ households: [{ ...household, kind: "proxy" }] }), settings, NOW)[0]).toMatchObject({ code: "household_proxy_repeatedly" });
    expect(computeAlerts(facts({ households: [{ ...household, count: 2 }] }), settings, NOW)).toEqual([]);
  });
});

describe("settings and counts", () => {
  it("reports settings out of range instead of using them", () => {
    const { settings: s, problems } = alertSettings({ minutesSignedWithinDays: 0, objectionAnswerDays: 10 });
    expect(problems).toEqual([{ field: "minutesSignedWithinDays", min: 1, max: 90 }]);
    expect(s.minutesSignedWithinDays).toBe(DEFAULT_ALERT_SETTINGS.minutesSignedWithinDays);
    expect(s.objectionAnswerDays).toBe(10);
  });

  it("orders red before yellow before green and counts each", () => {
    const alerts = computeAlerts(
      facts({
        stageJumps: [{ matter, from: "raised", to: "decision", at: daysAgo(2), reason: "纸质记录", meetingId: null, motionId: null }],
        meetings: [meeting({ state: "adjourned", adjournedAt: daysAgo(8) })],
        decisions: [{ matter, motionId: "v1", decidedAt: daysAgo(10), noticeId: null, noticePostedAt: null }],
      }),
      settings,
      NOW,
    );
    expect(alerts.map((a) => a.level)).toEqual(["red", "yellow", "green"]);
    expect(countAlerts(alerts)).toEqual({ red: 1, yellow: 1, green: 1 });
  });
});

describe("when the same facts give other alerts (stored alerts stay valid until then)", () => {
  const upcomingIn = (days: number, noticeGivenAgo: number | null) =>
    meeting({
      bodyKind: "villagers-assembly",
      state: "scheduled",
      startsAt: new Date(NOW.getTime() + days * DAY),
      openedAt: null,
      adjournedAt: null,
      noticeGivenAt: noticeGivenAgo === null ? null : daysAgo(noticeGivenAgo),
    });
  const cases: [string, AlertFacts][] = [
    ["minutes due tomorrow", facts({ meetings: [meeting({ state: "adjourned", adjournedAt: daysAgo(6) })] })],
    ["a decision to disclose", facts({ decisions: [{ matter, motionId: "v1", decidedAt: daysAgo(3), noticeId: null, noticePostedAt: null }] })],
    ["an objection to answer", facts({ objections: [{ matter, noticeId: "n1", objectionId: "o1", createdAt: daysAgo(9), noticeEndsAt: daysAgo(2) }] })],
    ["a result to disclose", facts({ implementations: [{ matter, stage: "implementation", implementationSince: daysAgo(80) }] })],
    ["a meeting not yet in the look-ahead window", facts({ meetings: [upcomingIn(40, null)] })],
    ["a meeting coming up with nothing sent", facts({ meetings: [upcomingIn(12, null)] })],
    ["a meeting record to seal", facts({ meetings: [meeting({ state: "archived", adjournedAt: new Date(NOW.getTime() - 3_600_000), lastAuditSeq: 9 })] })],
  ];

  it.each(cases)("%s: the alerts are the same until the moment it names, and differ from it on", (_, f) => {
    const { alerts, changesAt } = computeAlertsUntil(f, settings, NOW);
    expect(changesAt).not.toBeNull();
    const at = changesAt as Date;
    expect(at.getTime()).toBeGreaterThan(NOW.getTime());
    for (const t of [NOW.getTime() + 1, (NOW.getTime() + at.getTime()) / 2, at.getTime() - 1]) expect(computeAlerts(f, settings, new Date(t))).toEqual(alerts);
    // Stepping day by day from that moment, the alerts do change (the moment is not a needless recomputation).
    const later = Array.from({ length: 60 }, (_, d) => d).map((d) => computeAlerts(f, settings, new Date(at.getTime() + d * DAY)));
    expect(later.some((l) => JSON.stringify(l) !== JSON.stringify(alerts))).toBe(true);
  });

  it("names the deadline itself: minutes unsigned from the seventh day after adjourning", () => {
    const adjournedAt = daysAgo(6);
    const { alerts, changesAt } = computeAlertsUntil(facts({ meetings: [meeting({ state: "adjourned", adjournedAt })] }), settings, NOW);
    expect(alerts).toEqual([]);
    expect(changesAt).toEqual(new Date(adjournedAt.getTime() + 7 * DAY));
    expect(computeAlerts(facts({ meetings: [meeting({ state: "adjourned", adjournedAt })] }), settings, changesAt as Date).map((a) => a.code)).toEqual([
      "minutes_unsigned",
    ]);
  });

  it("re-reads an upcoming meeting with nothing sent at the next midnight in China, and a clean record never", () => {
    expect(computeAlertsUntil(facts({ meetings: [upcomingIn(5, null)] }), settings, NOW).changesAt).toEqual(nextChinaMidnight(NOW));
    expect(nextChinaMidnight(NOW)).toEqual(new Date("2026-06-15T16:00:00Z"));
    expect(computeAlertsUntil(facts(), settings, NOW).changesAt).toBeNull();
    expect(computeAlertsUntil(facts({ notices: [] }), settings, NOW).alerts).toEqual([]);
  });

  it("takes the loader's own moment (a recusal leaving the pattern window) when it comes first", () => {
    const leaves = new Date(NOW.getTime() + 3 * DAY);
    expect(
      computeAlertsUntil(facts({ changesAt: leaves, meetings: [meeting({ state: "adjourned", adjournedAt: daysAgo(1) })] }), settings, NOW).changesAt,
    ).toEqual(leaves);
  });
});
