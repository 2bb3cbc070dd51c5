/**
 * The public decision certificate (决议凭证, issue #23) at /c/<code>: for anyone, no login — a passed decision is
 * published on the notice board anyway (RULES.md §6). The page gets the whole certificate and checks it in the
 * browser; /c/<code>/file serves the same JSON as a file.
 */
import { type Certificate, certificateFor } from "../audit/certificate";
import { configuredWitnesses } from "../audit/witnessing";
import { currentDb } from "../db";

export type CertificatePage = { certificate: Certificate; logKeys: string[]; witnessKeys: string[] };

export async function certificatePage(code: string): Promise<CertificatePage> {
  const certificate = await certificateFor(code);
  const logKeys = certificate.vkey.split("\n").filter((line) => line.trim() !== "");
  return { certificate, logKeys, witnessKeys: configuredWitnesses().map((w) => w.vkey) };
}

export { certificateFileName, certificateText } from "../audit/certificate";

export type PrintedCertificate = { code: string; motion: string; matter: string };

/** The certificates of a meeting's passed decisions, in agenda order: printed with their QR codes on the minutes. */
export async function meetingCertificates(meetingId: string): Promise<PrintedCertificate[]> {
  const { prisma } = currentDb();
  const motions = await prisma.motion.findMany({
    where: { meetingId, decisionCode: { not: null } },
    orderBy: [{ item: { position: "asc" } }, { announcedAt: "asc" }],
    select: { decisionCode: true, text: true, item: { select: { matter: { select: { title: true } } } } },
  });
  return motions.map((m) => ({ code: m.decisionCode ?? "", motion: m.text, matter: m.item.matter?.title ?? "" }));
}

/** The certificate of the decision a notice discloses (its vote), if that decision has one. */
export async function noticeCertificate(noticeId: string): Promise<PrintedCertificate | null> {
  const { prisma } = currentDb();
  const notice = await prisma.notice.findUnique({ where: { id: noticeId }, select: { motionId: true, matter: { select: { title: true } } } });
  if (!notice?.motionId) return null;
  const motion = await prisma.motion.findUnique({ where: { id: notice.motionId }, select: { decisionCode: true, text: true } });
  return motion?.decisionCode ? { code: motion.decisionCode, motion: motion.text, matter: notice.matter.title } : null;
}
