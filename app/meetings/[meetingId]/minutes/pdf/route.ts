import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { witnessLine } from "@/server/domain/township/participation";
import { seeOther } from "@/server/http";
import { chinaDateTime } from "@/server/minutes/format";
import { minutesPdf } from "@/server/minutes/pdf";
import { isWeChat, minutesQrContent, publicOrigin } from "@/server/minutes/qrContent";
import { signatureLines } from "@/server/minutes/signatureLines";
import { certificatePath } from "@/server/notice/links";
import { meetingCertificates } from "@/server/queries/certificate";
import { minutesExport } from "@/server/queries/minutesVersions";
import { getRuntime } from "@/server/runtime";
import { signatureWords } from "../signatureWords";

export const dynamic = "force-dynamic";

/**
 * The PDF of a finalized version (the latest, or ?v=N), opened in the browser (inline) rather than downloaded. WeChat's
 * in-app browser shows neither inline PDFs nor downloads: it gets the print view, which tells how to open the page in
 * the phone's browser.
 */
export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const url = new URL(request.url);
  const v = url.searchParams.get("v");
  if (isWeChat(request.headers.get("user-agent"))) return seeOther(`/meetings/${meetingId}/minutes/print${v ? `?v=${encodeURIComponent(v)}` : ""}`);
  const account = await currentAccount();
  const data = await minutesExport(account?.id ?? null, meetingId);
  const version = v ? data?.versions.find((x) => String(x.version) === v) : data?.versions[data.versions.length - 1];
  if (!data || !version) return NextResponse.json({ ok: false, error: { code: "not_found", message: "no finalized minutes" } }, { status: 404 });
  // The record is Chinese whatever the reader's language: the PDF's labels are too.
  const t = await getTranslations({ locale: "zh-CN", namespace: "minutes" });
  const words = await signatureWords("zh-CN");
  const printUrl = `${publicOrigin(getRuntime().config.publicOrigin, request.headers)}/meetings/${meetingId}/minutes/print?v=${version.version}`;
  const origin = publicOrigin(getRuntime().config.publicOrigin, request.headers);
  const certificates = (await meetingCertificates(meetingId)).map((c) => ({ code: c.code, motion: c.motion, url: `${origin}${certificatePath(c.code)}` }));
  const pdf = await minutesPdf({
    certificates,
    title: t("print.title", { version: version.version }),
    subtitle: `${data.meeting.orgName} · ${data.meeting.bodyName} ${data.meeting.number}`,
    text: version.text,
    sha256: version.sha256,
    reason: version.reason,
    signers: signatureLines(data.required, version.signatures, words),
    witnesses: version.townshipWitnesses.map((w) => `${witnessLine(w)}：${chinaDateTime(w.signedAt)}签字`),
    qr: {
      content: minutesQrContent({ checkpointNote: data.checkpoint?.note ?? null, sha256: version.sha256, url: printUrl }),
      caption: data.checkpoint ? t("print.checkpointNote", { size: data.checkpoint.size }) : t("print.noCheckpoint"),
    },
    labels: {
      hash: t("status.hash"),
      signatures: t("print.signatures"),
      correction: t("correct.reason"),
      page: t.raw("print.page") as string,
      signHere: words.signHere,
    },
  });
  const filename = `${data.meeting.bodyName}${data.meeting.number}会议记录-第${version.version}版.pdf`;
  return new NextResponse(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="minutes-v${version.version}.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "cache-control": "no-store",
    },
  });
}
