/**
 * The printed 会议通知 (one A4 page for the notice board, with a QR code to the online notice where members sign
 * for it) and the 签收单 (every roster member with a column for the signature and the date). Chinese whatever the
 * reader's language: these are the village's paper records. Font: the embedded Noto Sans SC (server/notice/pdfFont).
 */
import { drawQr } from "../notice/noticePdf";
import type { MeetingNotice } from "../queries/meetingNotice";
import { CHINA_TIME_ZONE } from "../time";
import { openPdf } from "./pdfDocument";

const MARGIN = 56;
const QR_SIZE = 110;
const FORMS: Record<string, string> = { in_person: "现场会议", online: "线上会议", hybrid: "现场与线上结合" };
const WHEN = new Intl.DateTimeFormat("zh-CN", {
  timeZone: CHINA_TIME_ZONE,
  year: "numeric",
  month: "long",
  day: "numeric",
  weekday: "long",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const DATE = new Intl.DateTimeFormat("zh-CN", { timeZone: CHINA_TIME_ZONE, year: "numeric", month: "long", day: "numeric" });

function open(title: string, archival = false): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  return openPdf({ margin: MARGIN, archival, info: { Title: title, Producer: "Yishi" } });
}

/** The lines of the notice, shared by the PDF and its tests. */
export function noticeLines(notice: MeetingNotice): { heading: string; lines: string[] }[] {
  return [
    {
      heading: "",
      lines: [
        `会议：${notice.bodyName} ${notice.number}（${notice.title}）`,
        `时间：${WHEN.format(notice.startsAt)}`,
        `地点：${notice.place}`,
        `形式：${FORMS[notice.form] ?? notice.form}`,
        `召集人：${notice.convener?.["zh-CN"] ?? "—"}；召集依据：${notice.convenerBasis["zh-CN"]}`,
        ...(notice.chair ? [`主持人：${notice.chair}`] : []),
      ],
    },
    {
      heading: "议程",
      lines:
        notice.agenda.length === 0
          ? ["（议程另行通知）"]
          : notice.agenda.map(
              (item) =>
                `${item.position}. ${item.title}${item.matter ? `（事项：${item.matter}）` : ""}——表决规则：${item.rule["zh-CN"]}（${item.legalBasis.join("、")}）`,
            ),
    },
    { heading: "会议材料", lines: notice.materials.length === 0 ? ["无"] : notice.materials.map((m) => `· ${m.filename}`) },
  ];
}

export function meetingNoticePdf(notice: MeetingNotice, noticeUrl: string, archival = false): Promise<Buffer> {
  const { doc, done } = open(`${notice.orgName} 会议通知`, archival);
  const width = doc.page.width - 2 * MARGIN;
  doc.fontSize(15).text(notice.orgName, { align: "center" });
  doc.moveDown(0.2).fontSize(26).text("会议通知", { align: "center" });
  doc.moveDown(0.6);
  for (const section of noticeLines(notice)) {
    if (section.heading) doc.moveDown(0.4).fontSize(15).text(section.heading, { width });
    doc.fontSize(12.5);
    for (const line of section.lines) doc.text(line, { width, lineGap: 3 });
  }
  doc.moveDown(0.6).fontSize(12.5).text("请全体成员准时参加。不能参加的，请在会前通过“我的会议”请假并说明理由，或告知村务管理员。", { width, lineGap: 3 });
  doc.moveDown(0.4).text(`${notice.convener?.["zh-CN"] ?? notice.orgName}`, { width, align: "right" });
  if (notice.issuedAt) doc.text(DATE.format(notice.issuedAt), { width, align: "right" });
  if (doc.y + QR_SIZE + 24 > doc.page.height - MARGIN) doc.addPage();
  const top = doc.page.height - MARGIN - QR_SIZE;
  drawQr(doc, noticeUrl, MARGIN, top, QR_SIZE);
  const textX = MARGIN + QR_SIZE + 14;
  doc.fontSize(12).text("扫码查看网上通知；成员登录后可在“我的会议”签收或请假", textX, top + 4, { width: width - QR_SIZE - 14 });
  doc.fontSize(9).text(noticeUrl, { width: width - QR_SIZE - 14 });
  doc.end();
  return done;
}

/** 签收单: one row per roster member — number, name, signature, date — to be signed by hand and scanned back in. */
export function receiptSheetPdf(notice: MeetingNotice, archival = false): Promise<Buffer> {
  const { doc, done } = open(`${notice.bodyName} ${notice.number} 会议通知签收单`, archival);
  const width = doc.page.width - 2 * MARGIN;
  doc.fontSize(20).text("会议通知签收单", { align: "center" });
  doc.moveDown(0.3).fontSize(12).text(`${notice.orgName} · ${notice.bodyName} ${notice.number}`, { align: "center" });
  doc.text(`会议时间：${WHEN.format(notice.startsAt)}　地点：${notice.place}`, { align: "center" });
  doc.moveDown(0.6);
  const columns = [
    { label: "序号", w: 44 },
    { label: "姓名", w: 120 },
    { label: "签名", w: width - 44 - 120 - 120 },
    { label: "签收日期", w: 120 },
  ];
  const rowHeight = 30;
  const header = () => {
    let x = MARGIN;
    const y = doc.y;
    doc.fontSize(12);
    for (const column of columns) {
      doc.rect(x, y, column.w, rowHeight).stroke();
      doc.text(column.label, x + 6, y + 9, { width: column.w - 12 });
      x += column.w;
    }
    doc.y = y + rowHeight;
  };
  header();
  notice.roster.forEach((member, index) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN - 30) {
      doc.addPage();
      header();
    }
    let x = MARGIN;
    const y = doc.y;
    const cells = [String(index + 1), member.name, "", ""];
    columns.forEach((column, i) => {
      doc.rect(x, y, column.w, rowHeight).stroke();
      if (cells[i]) doc.fontSize(12).text(cells[i] as string, x + 6, y + 9, { width: column.w - 12 });
      x += column.w;
    });
    doc.y = y + rowHeight;
  });
  doc
    .moveDown(1)
    .fontSize(10.5)
    .text(`应签收 ${notice.roster.length} 人。签收后由村务管理员在系统中逐人勾选，并上传本页扫描件（其 SHA-256 记入审计日志）。`, MARGIN, doc.y, { width });
  doc.end();
  return done;
}
