/**
 * The minutes as a PDF (pdfkit), with an embedded Noto Sans SC subset so that the Chinese text renders and can be
 * extracted anywhere, the SHA-256 of the canonical text and a QR code of the latest audit checkpoint. Runs on the
 * Next side (pdfkit is a server external package) from plain data.
 */

import QRCode from "qrcode";
import { drawCertificates, type PrintedCertificateLine } from "../print/certificateBlock";
import { openPdf } from "../print/pdfDocument";
import type { SignatureLine } from "./signatureLines";

export type PdfInput = {
  title: string;
  subtitle: string;
  text: string;
  sha256: string;
  reason: string | null;
  /** Every required signer: how they signed, or a blank line to sign on paper. */
  signers: SignatureLine[];
  /** Township witnesses (issue #20), each a finished line such as 见证：黄预审（镇街工作人员），2026年…签字. */
  witnesses?: string[];
  qr: { content: string; caption: string };
  labels: { hash: string; signatures: string; correction: string; page: string; signHere: string };
  /** The meeting's passed decisions' certificates (issue #23): QR code and short ID each. */
  certificates?: readonly PrintedCertificateLine[];
};

/** `archival`: the PDF/A copy for the archive package (server/print/pdfDocument.ts). */
export async function minutesPdf(input: PdfInput, archival = false): Promise<Buffer> {
  const qr = await QRCode.toBuffer(input.qr.content, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 360 });
  const { doc, done: finished } = openPdf({ margin: 56, bufferPages: true, archival, info: { Title: input.title, Subject: input.sha256 } });
  const width = doc.page.width - 112;
  doc.fontSize(18).text(input.title, { align: "center", width });
  doc.fontSize(11).fillColor("#4a4a4a").text(input.subtitle, { align: "center", width }).fillColor("#000000").moveDown();
  if (input.reason) doc.fontSize(11).text(`${input.labels.correction}：${input.reason}`, { width }).moveDown(0.5);
  doc.fontSize(11).text(input.text, { width, lineGap: 3 });
  doc.moveDown();
  doc.fontSize(12).text(input.labels.signatures, { width }).moveDown(0.3);
  for (const signer of input.signers) {
    if (doc.y + 30 > doc.page.height - 56) doc.addPage();
    const who = `${signer.name}（${signer.role}）：`;
    if (signer.signed) {
      doc.fontSize(11).text(`${who}${signer.signed}`, 56, doc.y, { width, lineGap: 2 });
    } else {
      // Room for a handwritten signature or a fingerprint on the printed page.
      const top = doc.y;
      doc.fontSize(11).text(`${who}${input.labels.signHere}`, 56, top, { width, lineGap: 2 });
      const start = 56 + doc.widthOfString(`${who}${input.labels.signHere}`) + 8;
      doc
        .moveTo(start, top + 13)
        .lineTo(56 + width, top + 13)
        .lineWidth(0.7)
        .stroke();
    }
    doc.moveDown(0.6);
  }
  for (const line of input.witnesses ?? []) {
    if (doc.y + 30 > doc.page.height - 56) doc.addPage();
    doc.fontSize(11).text(line, 56, doc.y, { width, lineGap: 2 });
    doc.moveDown(0.6);
  }
  doc.moveDown();
  drawCertificates(doc, input.certificates ?? [], 56);
  if (doc.y + 190 > doc.page.height - 56) doc.addPage();
  const top = doc.y;
  doc.image(qr, 56, top, { width: 140 });
  doc.fontSize(10).text(`${input.labels.hash}：`, 210, top, { width: width - 154 });
  doc.fontSize(9).text(input.sha256, { width: width - 154 });
  doc
    .moveDown(0.5)
    .fontSize(9)
    .fillColor("#4a4a4a")
    .text(input.qr.caption, { width: width - 154 })
    .fillColor("#000000");
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const footer = `${input.labels.page.replace("{page}", String(i + 1)).replace("{pages}", String(range.count))} · SHA-256 ${input.sha256.slice(0, 16)}…`;
    // The footer sits in the bottom margin: without lifting the margin pdfkit would start a new page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor("#4a4a4a")
      .text(footer, 56, doc.page.height - 40, { width, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
