import { getTranslations } from "next-intl/server";
import { chinaDateTime } from "@/server/minutes/format";
import { signatureLines } from "@/server/minutes/signatureLines";
import { noticePath, verifyPath } from "@/server/notice/links";
import { noticePdf } from "@/server/notice/noticePdf";
import { meetingNoticePdf, receiptSheetPdf } from "@/server/print/meetingNoticePdf";
import { signInSheetPdf } from "@/server/print/signInSheetPdf";
import type { ArchiveFile, ArchiveSource } from "@/server/queries/archivePackage";
import { signatureWords } from "../../meetings/[meetingId]/minutes/signatureWords";
import { minutesVersionPdf } from "../../meetings/[meetingId]/minutes/versionPdf";

/**
 * The package's printed records as PDF/A (archival: true): every finalized version of each meeting's minutes, its
 * sign-in sheet, the 会议通知 and its 签收单, and each 公示 of the matters. Chinese whatever the reader's language:
 * they are the village's records, the same pages the app prints.
 */
export async function printedFiles(source: ArchiveSource, origin: string): Promise<ArchiveFile[]> {
  const s = await getTranslations({ locale: "zh-CN", namespace: "signoff" });
  const words = await signatureWords("zh-CN");
  const out: ArchiveFile[] = [];
  for (const meeting of source.meetings) {
    const prefix = meeting.slug;
    if (meeting.notice) {
      const page = `${origin}/meetings/${encodeURIComponent(meeting.id)}/notice`;
      out.push({
        path: `notices/${prefix}-notice.pdf`,
        bytes: await meetingNoticePdf(meeting.notice, page, true),
        title: `${meeting.number} 会议通知`,
        generated: true,
      });
      out.push({
        path: `notices/${prefix}-notice-receipts.pdf`,
        bytes: await receiptSheetPdf(meeting.notice, true),
        title: `${meeting.number} 会议通知签收单`,
        generated: true,
      });
    }
    const data = meeting.minutes;
    if (!data) continue;
    for (const version of data.versions) {
      const bytes = await minutesVersionPdf({ meetingId: meeting.id, data, version, origin, archival: true });
      out.push({
        path: `minutes/${prefix}-minutes-v${version.version}.pdf`,
        bytes,
        title: `${meeting.number} 会议记录第${version.version}版（PDF/A）`,
        generated: true,
      });
    }
    const latest = data.versions[data.versions.length - 1];
    const sheet = await signInSheetPdf(
      {
        title: `${data.meeting.bodyName} ${data.meeting.number} ${s("sheet.title")}`,
        subtitle: `${data.meeting.orgName} · ${chinaDateTime(data.meeting.startsAt)} · ${data.meeting.place}`,
        statement: latest ? s("sheet.forVersion", { version: latest.version, hash: latest.sha256 }) : s("sheet.beforeFinalize"),
        rows: signatureLines(data.required, latest?.signatures ?? [], words),
        footer: s("sheet.footer"),
        labels: {
          number: s("sheet.number"),
          name: s("sheet.name"),
          role: s("sheet.roleColumn"),
          signature: s("sheet.signature"),
          recorded: s("sheet.recorded"),
          page: s.raw("sheet.page") as string,
        },
      },
      true,
    );
    out.push({ path: `sign-in/${prefix}-sign-in-sheet.pdf`, bytes: sheet, title: `${meeting.number} 签到表`, generated: true });
  }
  for (const notice of source.notices) {
    const bytes = await noticePdf(
      { ...notice.print, noticeUrl: `${origin}${noticePath(source.orgId, notice.id)}`, verifyUrl: `${origin}${verifyPath(source.orgId, notice.id)}` },
      true,
    );
    const day = notice.postedAt.toISOString().slice(0, 10);
    out.push({ path: `notices/disclosure-${notice.kind}-${day}-${notice.id}.pdf`, bytes, title: `公示：${notice.print.title}`, generated: true });
  }
  return out;
}
