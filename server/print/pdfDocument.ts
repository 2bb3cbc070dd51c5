/**
 * One A4 pdfkit document with the embedded Chinese font (server/notice/pdfFont.ts) registered as "cjk" and selected,
 * and the finished bytes as a promise: the start every Yishi PDF shares (minutes, notices, sign-in sheets).
 *
 * `archival: true` makes the copy for the village archive (issue #23 item 4): PDF/A-2b (XMP `pdfaid:part` 2, an sRGB
 * OutputIntent `/GTS_PDFA1`), PDF 1.7, tagged, language zh-CN, and the embedded font as the document's default font,
 * so that no unembedded standard font (Helvetica) is ever written.
 */
import PDFDocument from "pdfkit";
import { pdfFont } from "../notice/pdfFont";

export type PdfOptions = { margin: number; info: PDFKit.DocumentInfo; bufferPages?: boolean; archival?: boolean };

export function openPdf(options: PdfOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const archival = options.archival
    ? { subset: "PDF/A-2b" as const, pdfVersion: "1.7" as const, tagged: true, lang: "zh-CN", font: pdfFont() as unknown as string, displayTitle: true }
    : {};
  const doc = new PDFDocument({ size: "A4", margin: options.margin, bufferPages: options.bufferPages ?? false, info: options.info, ...archival });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("cjk", pdfFont());
  doc.font("cjk").fillColor("#000000");
  return { doc, done };
}
