/**
 * The text of the 实施结果公开 notice (RULES.md §4 S7), built from the implementation record rather than retyped
 * (issue #23): who was responsible, the period, the amount decided and spent, each milestone and when it was reached,
 * the progress reports and how much evidence each carries, and the decision's short ID. Pure; Chinese, as notices
 * are posted. Older reports give way first when the text would pass the notice limit.
 */
import { capStatus, formatYuan, milestoneStatus } from "./progress";

export type ResultRecord = {
  decisionCode: string;
  responsibleName: string;
  startsOn: string;
  endsOn: string;
  capFen: bigint | null;
  milestones: { title: string; dueOn: string; doneOn: string | null }[];
  updates: { reportedOn: string; text: string; spentFen: bigint; photos: number; documents: number }[];
  /** Payments imported under the decision, and how many of them are flagged. */
  payments: { count: number; totalFen: bigint; flagged: number };
};

const STATUS_WORDS = { done: "按期完成", done_late: "逾期完成", open: "未完成", overdue: "逾期未完成" } as const;

export function resultNoticeText(record: ResultRecord, today: string, maxChars: number): string {
  const spentFen = record.updates.reduce((sum, u) => sum + u.spentFen, 0n);
  const cap = capStatus(record.capFen, spentFen);
  const head = [
    `决议编号：${record.decisionCode}`,
    `实施负责人：${record.responsibleName}`,
    `实施期间：${record.startsOn} 至 ${record.endsOn}`,
    cap.capFen === null
      ? `已支出：${formatYuan(spentFen)} 元（决议未定金额）`
      : `决议金额（上限）：${formatYuan(cap.capFen)} 元；已支出：${formatYuan(spentFen)} 元（${cap.isOver ? `超出 ${formatYuan(-(cap.remainingFen ?? 0n))} 元` : "未超出"}）`,
    ...(record.payments.count > 0
      ? [
          `三资平台支付记录：${record.payments.count} 笔，合计 ${formatYuan(record.payments.totalFen)} 元${record.payments.flagged > 0 ? `，其中 ${record.payments.flagged} 笔存疑` : ""}`,
        ]
      : []),
    "实施节点：",
    ...record.milestones.map((m, i) => {
      const status = milestoneStatus(m, today);
      return `${i + 1}. ${m.title}（计划 ${m.dueOn}，${m.doneOn ? `${m.doneOn} ` : ""}${STATUS_WORDS[status]}）`;
    }),
  ];
  const reports = record.updates.map(
    (u) =>
      `${u.reportedOn} ${u.text}（支出 ${formatYuan(u.spentFen)} 元${u.photos > 0 ? `，照片 ${u.photos} 张` : ""}${u.documents > 0 ? `，文件 ${u.documents} 份` : ""}）`,
  );
  const fits = (lines: string[]) => Array.from(lines.join("\n")).length <= maxChars;
  for (let skip = 0; skip <= reports.length; skip += 1) {
    const shown = reports.slice(skip);
    const lines = [
      ...head,
      ...(reports.length > 0 ? [skip > 0 ? `实施进展（最近 ${shown.length} 条，共 ${reports.length} 条）：` : "实施进展："] : []),
      ...shown,
    ];
    if (fits(lines)) return lines.join("\n");
  }
  return Array.from(head.join("\n")).slice(0, maxChars).join("");
}
