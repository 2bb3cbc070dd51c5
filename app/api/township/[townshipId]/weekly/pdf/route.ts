import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { seeOther } from "@/server/http";
import { isWeChat } from "@/server/notice/links";
import { townshipWeeklyPdf } from "@/server/print/townshipWeeklyPdf";
import { chinaDateTimeInput } from "@/server/time";
import { fileName, refused, weeklyOf } from "../summary";

export const dynamic = "force-dynamic";

/** The weekly summary as an A4 PDF with its font embedded, opened inline; WeChat cannot show a PDF and gets the page. */
export async function GET(request: Request, { params }: { params: Promise<{ townshipId: string }> }) {
  const { townshipId } = await params;
  const url = new URL(request.url);
  if (isWeChat(request.headers.get("user-agent"))) return seeOther(`/township/${encodeURIComponent(townshipId)}/weekly${url.search}`);
  try {
    const summary = await weeklyOf(request, townshipId);
    const t = await getTranslations({ locale: summary.language, namespace: "townshipWeekly" });
    const pdf = await townshipWeeklyPdf(summary, {
      title: t("title", { township: summary.township.name }),
      period: t("period", { start: summary.week.start, end: summary.week.end }),
      computed: t("computed", { at: chinaDateTimeInput(new Date(summary.computedAt)).replace("T", " ") }),
      villagesTitle: t("villagesTitle"),
      village: t("village"),
      red: t("red"),
      yellow: t("yellow"),
      green: t("green"),
      rowsTitle: t("rowsTitle"),
      none: t("none"),
      rule: t("rule"),
      basis: t("basis"),
      matter: t("matter"),
      evidence: t("evidence"),
      occurred: t("occurred"),
      due: t("due"),
      levelNames: { red: t("red"), yellow: t("yellow"), green: t("green") },
      page: t.raw("page") as string,
    });
    return new NextResponse(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="township-weekly-${summary.week.start}.pdf"; filename*=UTF-8''${encodeURIComponent(fileName(summary, "pdf"))}`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return refused(error);
  }
}
