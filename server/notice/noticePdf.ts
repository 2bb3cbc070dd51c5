/**
 * The printable notice: one A4 page (more if the text is long) for the physical notice board, Chinese text in an
 * embedded font (pdfFont.ts), with a QR code to the online notice, whose page links to its verification.
 */
import QRCode from "qrcode";
import { drawCertificates, type PrintedCertificateLine } from "../print/certificateBlock";
import { openPdf } from "../print/pdfDocument";
import { headingOf, type PrintInput, printSections } from "./printText";

export type PdfInput = PrintInput & {
  noticeUrl: string;
  verifyUrl: string;
  /** Where the notice sits in the signed audit log, printed for comparison with the verification page. */
  audit: { seq: number; checkpointSize: number; rootHash: string } | null;
  /** The certificate of the decision disclosed (issue #23): QR code and short ID. */
  certificates?: readonly PrintedCertificateLine[];
};

const MARGIN = 56;
const QR_SIZE = 118;

export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const cell = size / (modules.size + 4);
  doc.save().rect(x, y, size, size).fill("#ffffff").fillColor("#000000");
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) doc.rect(x + (col + 2) * cell, y + (row + 2) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

export function noticePdf(input: PdfInput, archival = false): Promise<Buffer> {
  const { doc, done } = openPdf({
    margin: MARGIN,
    archival,
    info: { Title: `${input.orgName} ${headingOf(input.kind, input.correction !== null)}`, Producer: "Yishi" },
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.fontSize(15).text(input.orgName, { align: "center" });
  doc
    .moveDown(0.2)
    .fontSize(26)
    .text(headingOf(input.kind, input.correction !== null), { align: "center" });
  doc.moveDown(0.4).fontSize(18).text(input.title, { align: "center" });
  doc.moveDown(0.6);
  for (const section of printSections(input)) {
    if (section.heading) doc.moveDown(0.4).fontSize(15).text(section.heading, { width });
    doc.fontSize(12.5);
    for (const line of section.lines) doc.text(line === "" ? " " : line, { width, lineGap: 3 });
  }
  if (input.certificates && input.certificates.length > 0) {
    doc.moveDown(0.6);
    drawCertificates(doc, input.certificates, MARGIN);
  }
  if (doc.y + QR_SIZE + 24 > doc.page.height - MARGIN) doc.addPage();
  const top = doc.page.height - MARGIN - QR_SIZE;
  drawQr(doc, input.noticeUrl, MARGIN, top, QR_SIZE);
  const textX = MARGIN + QR_SIZE + 14;
  const textWidth = width - QR_SIZE - 14;
  doc.fontSize(12).text("扫码查看网上公告、提出异议、核验记录", textX, top + 4, { width: textWidth });
  doc.fontSize(9).text(input.noticeUrl, { width: textWidth });
  doc.text(`核验：${input.verifyUrl}`, { width: textWidth });
  if (input.audit) {
    doc.text(`审计日志第 ${input.audit.seq} 条；检查点 ${input.audit.checkpointSize} 条，根哈希 ${input.audit.rootHash.slice(0, 16)}…`, { width: textWidth });
  }
  doc.end();
  return done;
}
