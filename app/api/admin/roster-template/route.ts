import { TEMPLATE_HEADERS } from "@/server/commands/org/roster/parseRoster";

/** The roster template: UTF-8 with a byte-order mark, so that Excel on Windows opens the Chinese headers correctly. */
export function GET() {
  const rows = [TEMPLATE_HEADERS.join(","), "张三,13800138000,1号户,男,是,否,是", "李四,,1号户,女,是,否,是"];
  return new Response(`\uFEFF${rows.join("\r\n")}\r\n`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="roster-template.csv"; filename*=UTF-8''${encodeURIComponent("花名册模板.csv")}`,
    },
  });
}
