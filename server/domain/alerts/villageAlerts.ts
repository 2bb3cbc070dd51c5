/**
 * Alerts about the village as a whole (issue #20 item 4): the same household recused again and again, or voting by
 * proxy again and again, within the township's window. Neither is unlawful by itself; a pattern is worth a look
 * (a standing conflict of interest; representatives who never attend). Pure.
 */
import { citationText, cite, shanghaiDate } from "../rules";
import type { HouseholdFact } from "./facts";
import { joinBasis, vcolText } from "./law";
import { makeAlert } from "./make";
import type { Alert, AlertSettings } from "./types";

export function villageAlerts(orgId: string, households: readonly HouseholdFact[], settings: AlertSettings): Alert[] {
  return households.flatMap((h): Alert[] => {
    const threshold = h.kind === "recusal" ? settings.repeatedRecusalCount : settings.repeatedProxyCount;
    if (h.count < threshold) return [];
    const days = settings.patternWindowDays;
    const isRecusal = h.kind === "recusal";
    return [
      makeAlert({
        level: "yellow",
        scope: "village",
        code: isRecusal ? "household_recused_repeatedly" : "household_proxy_repeatedly",
        message: isRecusal
          ? {
              "zh-CN": `第${h.householdNumber}户的成员在${days}天内于${h.meetings}次会议上共回避${h.count}次（最近一次${shanghaiDate(h.latestAt)}）：请核实是否存在长期利益关系。`,
              en: `Members of household ${h.householdNumber} were recused ${h.count} times at ${h.meetings} meetings within ${days} days (last on ${shanghaiDate(h.latestAt)}): check for a standing conflict of interest.`,
            }
          : {
              "zh-CN": `第${h.householdNumber}户的成员在${days}天内于${h.meetings}次会议上共${h.count}次委托他人代为表决（最近一次${shanghaiDate(h.latestAt)}）：请核实委托是否真实、是否长期不能参会。`,
              en: `Members of household ${h.householdNumber} voted by proxy ${h.count} times at ${h.meetings} meetings within ${days} days (last on ${shanghaiDate(h.latestAt)}): check the authorizations and why they cannot attend.`,
            },
        rule: isRecusal
          ? {
              "zh-CN": `同一户${days}天内回避达${threshold}次须核查（镇街设定）`,
              en: `A household recused ${threshold} times within ${days} days is looked into (the township's setting)`,
            }
          : {
              "zh-CN": `同一户${days}天内委托表决达${threshold}次须核查（镇街设定）`,
              en: `A household voting by proxy ${threshold} times within ${days} days is looked into (the township's setting)`,
            },
        legalBasis: joinBasis([vcolText("supervision", h.latestAt), citationText(cite("practice"))]),
        evidence: { href: `/meetings/${h.latestMeetingId}`, label: { "zh-CN": "最近一次会议", en: "the latest meeting" } },
        subject: { orgId, householdId: h.householdId, meetingId: h.latestMeetingId },
        occurredAt: h.latestAt,
      }),
    ];
  });
}
