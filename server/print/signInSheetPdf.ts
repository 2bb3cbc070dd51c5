/**
 * The printable sign-in sheet (签到表) as a PDF: one row per required signer with room to sign or press a fingerprint,
 * and the version and SHA-256 of the minutes being signed, so that a signed and scanned page is tied to one text.
 * Rows already signed in the app say how. Same embedded font as the minutes PDF.
 */

import type { SignatureLine } from "../minutes/signatureLines";
import { openPdf } from "./pdfDocument";

export type SheetPdfInput = {
  title: string;
  subtitle: string;
  statement: string;
  rows: SignatureLine[];
  footer: string;
  labels: { number: string; name: string; role: string; signature: string; recorded: string; page: string };
};

const MARGIN = 48;
const ROW = 46;

export async function signInSheetPdf(input: SheetPdfInput, archival = false): Promise<Buffer> {
  const { doc, done: finished } = openPdf({ margin: MARGIN, bufferPages: true, archival, info: { Title: input.title } });
  const width = doc.page.width - 2 * MARGIN;
  // Columns: number, name, role, signature (widest: a hand needs room), recorded in the app.
  const widths = [34, 96, 66, width - 34 - 96 - 66 - 150, 150];
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  doc.fontSize(18).text(input.title, { align: "center", width });
  doc.fontSize(11).fillColor("#4a4a4a").text(input.subtitle, { align: "center", width }).fillColor("#000000").moveDown(0.5);
  doc.fontSize(11).text(input.statement, { width, lineGap: 2 }).moveDown(0.5);
  const header = () => {
    const top = doc.y;
    const labels = [input.labels.number, input.labels.name, input.labels.role, input.labels.signature, input.labels.recorded];
    labels.forEach((label, i) => doc.fontSize(10).text(label, (xs[i] ?? 0) + 4, top + 6, { width: (widths[i] ?? 0) - 8, lineBreak: false }));
    doc.rect(MARGIN, top, width, 24).lineWidth(0.8).stroke();
    for (const x of xs.slice(1))
      doc
        .moveTo(x, top)
        .lineTo(x, top + 24)
        .stroke();
    doc.y = top + 24;
  };
  header();
  input.rows.forEach((row, index) => {
    if (doc.y + ROW > doc.page.height - MARGIN - 20) {
      doc.addPage();
      header();
    }
    const top = doc.y;
    const cells = [String(index + 1), row.name, row.role, "", row.signed ?? ""];
    cells.forEach((cell, i) => doc.fontSize(i === 4 ? 8 : 11).text(cell, (xs[i] ?? 0) + 4, top + 6, { width: (widths[i] ?? 0) - 8, height: ROW - 8 }));
    doc.rect(MARGIN, top, width, ROW).lineWidth(0.8).stroke();
    for (const x of xs.slice(1))
      doc
        .moveTo(x, top)
        .lineTo(x, top + ROW)
        .stroke();
    doc.y = top + ROW;
  });
  doc.x = MARGIN;
  doc.moveDown().fontSize(9).fillColor("#4a4a4a").text(input.footer, MARGIN, doc.y, { width }).fillColor("#000000");
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = input.labels.page.replace("{page}", String(i + 1)).replace("{pages}", String(range.count));
    doc
      .fontSize(8)
      .fillColor("#4a4a4a")
      .text(footer, MARGIN, doc.page.height - 32, { width, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
