/**
 * The decision certificates' block on printed papers (issue #23): for each passed decision a QR code to its public
 * page /c/<code> and the short ID written out, so it can be typed where scanning is not possible. Used by the
 * decision notice (server/notice/noticePdf.ts) and the minutes (server/minutes/pdf.ts).
 */
import QRCode from "qrcode";

export type PrintedCertificateLine = { code: string; url: string; motion: string };

const QR = 92;

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const cell = size / (modules.size + 2);
  doc.save().rect(x, y, size, size).fill("#ffffff").fillColor("#000000");
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) doc.rect(x + (col + 1) * cell, y + (row + 1) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

/** Draws the block at the current position (a new page when it does not fit); leaves doc.y below it. */
export function drawCertificates(doc: PDFKit.PDFDocument, lines: readonly PrintedCertificateLine[], margin: number): void {
  if (lines.length === 0) return;
  const width = doc.page.width - 2 * margin;
  for (const line of lines) {
    if (doc.y + QR + 12 > doc.page.height - margin) doc.addPage();
    const top = doc.y + 6;
    drawQr(doc, line.url, margin, top, QR);
    const x = margin + QR + 12;
    const textWidth = width - QR - 12;
    doc.fontSize(12).text(`决议凭证编号：${line.code}`, x, top + 2, { width: textWidth });
    doc.fontSize(10).text(line.motion, { width: textWidth });
    doc.fontSize(9).fillColor("#4a4a4a").text(`扫码或打开 ${line.url} 核验本决议（无需登录）`, { width: textWidth }).fillColor("#000000");
    doc.x = margin;
    doc.y = Math.max(doc.y, top + QR) + 8;
  }
}
