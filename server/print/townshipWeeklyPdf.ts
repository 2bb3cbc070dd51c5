/**
 * The township's weekly summary (周报, issue #20 item 5) as an A4 PDF with the embedded Chinese font: the villages
 * with their counts by colour, then every row of the summary in words (the same rows as the CSV and the JSON).
 */
import type { AlertLevel } from "../domain/alerts";
import type { WeeklySummary } from "../queries/townshipWeekly";
import { openPdf } from "./pdfDocument";

export type WeeklyPdfLabels = {
  title: string;
  period: string;
  computed: string;
  villagesTitle: string;
  village: string;
  red: string;
  yellow: string;
  green: string;
  rowsTitle: string;
  none: string;
  rule: string;
  basis: string;
  matter: string;
  evidence: string;
  occurred: string;
  due: string;
  levelNames: Record<AlertLevel, string>;
  /** "第 {page} 页，共 {pages} 页" */
  page: string;
};

const MARGIN = 48;
const COLOURS: Record<AlertLevel, string> = { red: "#b3261e", yellow: "#7a5a00", green: "#1e6b34" };

export async function townshipWeeklyPdf(summary: WeeklySummary, labels: WeeklyPdfLabels): Promise<Buffer> {
  const { doc, done } = openPdf({ margin: MARGIN, bufferPages: true, info: { Title: `${labels.title} ${labels.period}` } });
  const width = doc.page.width - 2 * MARGIN;
  doc.fontSize(18).text(labels.title, { align: "center", width });
  doc.fontSize(11).fillColor("#4a4a4a").text(labels.period, { align: "center", width }).text(labels.computed, { align: "center", width });
  doc.fillColor("#000000").moveDown();

  doc.fontSize(14).text(labels.villagesTitle, MARGIN, doc.y, { width }).moveDown(0.3);
  const widths = [width - 3 * 70, 70, 70, 70];
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const tableRow = (cells: string[], bold: boolean) => {
    if (doc.y + 22 > doc.page.height - MARGIN - 20) doc.addPage();
    const top = doc.y;
    cells.forEach((cell, i) => doc.fontSize(bold ? 10 : 11).text(cell, (xs[i] ?? 0) + 4, top + 5, { width: (widths[i] ?? 0) - 8, lineBreak: false }));
    doc.rect(MARGIN, top, width, 22).lineWidth(0.6).stroke();
    doc.y = top + 22;
  };
  tableRow([labels.village, labels.red, labels.yellow, labels.green], true);
  for (const v of summary.villages) tableRow([v.name, String(v.red), String(v.yellow), String(v.green)], false);
  doc.x = MARGIN;
  doc.moveDown();

  doc.fontSize(14).text(labels.rowsTitle, MARGIN, doc.y, { width }).moveDown(0.3);
  if (summary.rows.length === 0) doc.fontSize(11).text(labels.none, { width });
  summary.rows.forEach((row, index) => {
    if (doc.y + 90 > doc.page.height - MARGIN - 20) doc.addPage();
    doc
      .fontSize(11)
      .fillColor(COLOURS[row.level])
      .text(
        `${index + 1}. 【${labels.levelNames[row.level]}】${row.village}${row.organization !== row.village ? ` · ${row.organization}` : ""}`,
        MARGIN,
        doc.y,
        {
          width,
        },
      )
      .fillColor("#000000");
    doc.fontSize(11).text(row.message, MARGIN + 14, doc.y, { width: width - 14, lineGap: 1 });
    const facts = [
      `${labels.rule}：${row.rule}`,
      `${labels.basis}：${row.legal_basis}`,
      `${labels.occurred}：${row.occurred_on}${row.due_on ? `　${labels.due}：${row.due_on}` : ""}`,
      ...(row.matter_title ? [`${labels.matter}：${row.matter_title}（${[row.matter_stage_name, row.matter_kind_name].filter(Boolean).join("，")}）`] : []),
      `${labels.evidence}：${row.evidence_url}`,
    ];
    doc.fontSize(9).fillColor("#333333");
    for (const line of facts) doc.text(line, MARGIN + 14, doc.y, { width: width - 14 });
    doc.fillColor("#000000").moveDown(0.6);
  });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor("#4a4a4a")
      .text(labels.page.replace("{page}", String(i + 1)).replace("{pages}", String(range.count)), MARGIN, doc.page.height - 32, {
        width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
