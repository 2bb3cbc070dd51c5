import QRCode from "qrcode";
import type { LoginSheet } from "@/server/commands/account/issueLoginTokens";
import { CHINA_TIME_ZONE } from "@/server/time";

type Translate = (key: string, values?: Record<string, string | number>) => string;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/**
 * A print-ready A4 page: one card per member with a QR code, the short URL under it (to type where a phone cannot
 * scan), the name and the expiry. Cards never split across pages. The only script is the print button's, with the
 * request's CSP nonce (proxy.ts).
 */
export async function renderSheet(sheet: LoginSheet, origin: string, locale: string, t: Translate, nonce: string | null): Promise<string> {
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, year: "numeric", month: "long", day: "numeric" });
  const cards = await Promise.all(
    sheet.codes.map(async (code) => {
      const url = `${origin}/q/${code.token}`;
      const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
      return `<li class="card"><div class="qr" role="img" aria-label="${escapeHtml(t("qrLabel", { name: code.name }))}">${svg}</div>
<p class="name">${escapeHtml(code.name)}</p><p class="url">${escapeHtml(url)}</p>
<p class="small">${escapeHtml(t("expires", { date: dateFormat.format(new Date(code.expiresAt)) }))}</p></li>`;
    }),
  );
  const skipped = sheet.skipped.map((s) => `<li>${escapeHtml(s.name)}：${escapeHtml(t(`skip.${s.reason}`))}</li>`).join("");
  return `<!doctype html>
<html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t("title", { body: sheet.bodyName }))}</title>
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:18px;color:#1a1a1a;margin:16px}
h1{font-size:1.4em}ol{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px}
.card{border:1px dashed #555;border-radius:8px;padding:10px;text-align:center;break-inside:avoid}
.qr svg{width:180px;height:180px}.name{font-size:1.3em;font-weight:700;margin:4px 0}.url{font-family:monospace;font-size:13px;word-break:break-all;margin:4px 0}
.small{font-size:14px;margin:2px 0}.actions button,.actions a{font:inherit;min-height:44px;padding:0 18px;margin-right:8px}
.warn{border:2px solid #8a4b00;padding:8px 12px;border-radius:8px}
@media print{.actions{display:none}body{margin:0}@page{size:A4;margin:10mm}}
</style></head><body>
<h1>${escapeHtml(t("title", { body: sheet.bodyName }))}</h1>
<p>${escapeHtml(sheet.orgName)} · ${escapeHtml(t("count", { count: sheet.codes.length }))}</p>
<p>${escapeHtml(t("howTo"))}</p>
<p class="actions"><button type="button" id="print">${escapeHtml(t("print"))}</button><a href="/admin/bodies/${escapeHtml(sheet.bodyId)}">${escapeHtml(t("back"))}</a></p>
${skipped ? `<div class="warn"><p>${escapeHtml(t("skipped"))}</p><ul>${skipped}</ul></div>` : ""}
<ol>${cards.join("\n")}</ol>
<script${nonce ? ` nonce="${escapeHtml(nonce)}"` : ""}>document.getElementById("print").addEventListener("click", function () { window.print(); });</script>
</body></html>`;
}
