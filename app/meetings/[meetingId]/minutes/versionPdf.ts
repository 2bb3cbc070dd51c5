import { getTranslations } from "next-intl/server";
import { witnessLine } from "@/server/domain/township/participation";
import { chinaDateTime } from "@/server/minutes/format";
import { minutesPdf } from "@/server/minutes/pdf";
import { minutesQrContent } from "@/server/minutes/qrContent";
import { signatureLines } from "@/server/minutes/signatureLines";
import { certificatePath } from "@/server/notice/links";
import { meetingCertificates } from "@/server/queries/certificate";
import type { MinutesExport } from "@/server/queries/minutesVersions";
import { signatureWords } from "./signatureWords";

/**
 * One finalized version of a meeting's minutes as a PDF — the same pages whether a reader opens it or the archive
 * package keeps it (then as PDF/A): the text, its SHA-256, every signature line, the township's witnesses, the decision
 * certificates' QR codes and the checkpoint QR. Chinese whatever the reader's language: it is the village's record.
 */
export async function minutesVersionPdf(input: {
  meetingId: string;
  data: MinutesExport;
  version: MinutesExport["versions"][number];
  /** The public origin, for the links inside the QR codes. */
  origin: string;
  archival?: boolean;
}): Promise<Buffer> {
  const { meetingId, data, version, origin } = input;
  const t = await getTranslations({ locale: "zh-CN", namespace: "minutes" });
  const words = await signatureWords("zh-CN");
  const printUrl = `${origin}/meetings/${meetingId}/minutes/print?v=${version.version}`;
  const certificates = (await meetingCertificates(meetingId)).map((c) => ({ code: c.code, motion: c.motion, url: `${origin}${certificatePath(c.code)}` }));
  return minutesPdf(
    {
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
    },
    input.archival === true,
  );
}
