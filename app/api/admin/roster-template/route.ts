import { TEMPLATE_HEADERS } from "@/server/commands/org/roster/parseRoster";

/** The roster template: UTF-8 with a byte-order mark, so that Excel on Windows opens the Chinese headers correctly. */
export function GET() {
  // The 身份证号 column is left empty in the examples: an example number could be someone's real one.
  const rows = [TEMPLATE_HEADERS.join(","), "张三,13800138000,,1号户,户主,男,是,否,是", "李四,,,1号户,配偶,女,是,否,是"];
  return new Response(`\uFEFF${rows.join("\r\n")}\r\n`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="roster-template.csv"; filename*=UTF-8''${encodeURIComponent("花名册模板.csv")}`,
    },
  });
}
