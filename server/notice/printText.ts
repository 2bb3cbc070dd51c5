/**
 * The words of the printed notice (公示栏 paper, zh-CN), as data: RULES.md §6's notice fields — matter, decision and
 * vote result with its legal basis, posting date and channel, notice period, objection window and reply deadline,
 * and for a correction, what it corrects and why. Kept apart from the drawing so that the words can be tested.
 */
import { zhDate, zhDateTime } from "./format";
import { replyDeadline } from "./period";
import type { VoteSummary } from "./voteSummary";

export type PrintInput = {
  orgName: string;
  kind: "decision" | "result";
  title: string;
  body: string;
  voteSummary: VoteSummary | null;
  postedAt: Date;
  periodDays: number;
  endsAt: Date;
  correction: { reason: string; supersededPostedAt: Date } | null;
  isSuperseded: boolean;
};

export type PrintSection = { heading: string | null; lines: string[] };

export function headingOf(kind: PrintInput["kind"], isCorrection: boolean): string {
  const base = kind === "decision" ? "决议公示" : "实施结果公示";
  return isCorrection ? `${base}（更正）` : base;
}

export function voteLines(v: VoteSummary): string[] {
  const expected = v.expected !== null ? `应到 ${v.expected} 人，` : "";
  const present = v.present !== null ? `实到 ${v.present} 人；` : "";
  return [
    `会议：${v.bodyName} ${v.meetingNumber}（${zhDate(new Date(v.heldAt))}）`,
    `表决事项：${v.motionText}`,
    `${expected}${present}有表决权 ${v.entitledCount} 人`,
    `同意 ${v.yes} 票，反对 ${v.no} 票，弃权 ${v.abstain} 票，未表决 ${v.notVoted} 人`,
    `表决结果：${v.passed ? "通过" : "未通过"}（需同意 ${v.yesRequired} 票）`,
    `法律依据：${v.legalBasis.join("；")}`,
    v.explanation["zh-CN"],
  ];
}

export function printSections(input: PrintInput): PrintSection[] {
  const sections: PrintSection[] = [{ heading: null, lines: input.body.split(/\r?\n/) }];
  if (input.voteSummary) sections.push({ heading: "表决情况", lines: voteLines(input.voteSummary) });
  if (input.correction) {
    sections.push({
      heading: "更正说明",
      lines: [`本公告更正 ${zhDate(input.correction.supersededPostedAt)} 发布的公告。`, `更正原因：${input.correction.reason}`],
    });
  }
  sections.push({
    heading: "公示期与异议",
    lines: [
      `公示期：${zhDateTime(input.postedAt)} 至 ${zhDateTime(input.endsAt)}（${input.periodDays} 天）`,
      `如有异议，请在公示期内登录“议事”在网上公告页提出，或向村务监督委员会反映。`,
      `村务监督委员会于 ${zhDate(replyDeadline(input.endsAt))} 前答复。`,
    ],
  });
  if (input.isSuperseded) sections.push({ heading: null, lines: ["本公告已被更正，以更正后的公告为准。"] });
  sections.push({ heading: null, lines: [`发布单位：${input.orgName}`, `发布日期：${zhDate(input.postedAt)}`, "发布渠道：村务公开栏、议事网上公告页"] });
  return sections;
}
