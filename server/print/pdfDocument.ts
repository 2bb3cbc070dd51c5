/**
 * One A4 pdfkit document with the embedded Chinese font (server/notice/pdfFont.ts) registered as "cjk" and selected,
 * and the finished bytes as a promise: the start every Yishi PDF shares (minutes, notices, sign-in sheets).
 */
import PDFDocument from "pdfkit";
import { pdfFont } from "../notice/pdfFont";

export function openPdf(options: { margin: number; info: PDFKit.DocumentInfo; bufferPages?: boolean }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: "A4", margin: options.margin, bufferPages: options.bufferPages ?? false, info: options.info });
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
