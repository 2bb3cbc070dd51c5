/**
 * The supervisor console's overview of one organization: whether its stored log verifies (green, or red with the
 * verifier's reason), the latest signed checkpoint with a QR code to print in paper minutes, the decisions with
 * their evidence pages, and the supervision opinions written so far.
 */
import QRCode from "qrcode";
import { readCheckpoint } from "../audit/checkpoint";
import { latestCheckpoint } from "../audit/store";
import { type LogStatus, verifyStoredLog } from "../audit/verifyStored";
import { currentDb } from "../db";
import { AppError } from "../errors";
import type { Viewer } from "./access";
import { requireSupervisor } from "./auditAccess";
import { type WitnessView, witnessView } from "./witnessView";

export type ConsoleCheckpoint = {
  size: number;
  rootBase64: string;
  rootHex: string;
  origin: string;
  note: string;
  signedAt: Date;
  /** SVG of a QR code holding the whole signed note. */
  qrSvg: string;
};

export type ConsoleDecision = {
  motionId: string;
  text: string;
  meeting: string;
  closedAt: Date | null;
  passed: boolean | null;
};

export type ConsoleOpinion = { id: string; text: string; author: string; createdAt: Date; meetingId: string | null; motionId: string | null };

export type AuditConsole = {
  org: { id: string; name: string };
  status: LogStatus;
  checkpoint: ConsoleCheckpoint | null;
  decisions: ConsoleDecision[];
  opinions: ConsoleOpinion[];
  witnessing: WitnessView;
};

export async function checkpointView(orgId: string): Promise<ConsoleCheckpoint | null> {
  const latest = await latestCheckpoint(orgId);
  if (!latest) return null;
  const { origin, root } = readCheckpoint(latest.note);
  const qrSvg = await QRCode.toString(latest.note, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    size: latest.size,
    rootBase64: Buffer.from(root).toString("base64"),
    rootHex: Buffer.from(root).toString("hex"),
    origin,
    note: latest.note,
    signedAt: latest.createdAt,
    qrSvg,
  };
}

/** Decisions: motions of the organization's meetings that have a result (closed or announced), newest first. */
export async function decisionsOf(orgId: string): Promise<ConsoleDecision[]> {
  const motions = await currentDb().prisma.motion.findMany({
    where: { meeting: { orgId }, state: { in: ["closed", "announced"] } },
    orderBy: [{ closedAt: "desc" }, { id: "asc" }],
    select: { id: true, text: true, closedAt: true, result: true, meeting: { select: { number: true, title: true } } },
  });
  return motions.map((m) => {
    const passed = (m.result as { passed?: unknown } | null)?.passed;
    return {
      motionId: m.id,
      text: m.text,
      meeting: `${m.meeting.number} ${m.meeting.title}`,
      closedAt: m.closedAt,
      passed: typeof passed === "boolean" ? passed : null,
    };
  });
}

export async function opinionsOf(orgId: string, motionId?: string): Promise<ConsoleOpinion[]> {
  const { prisma } = currentDb();
  const rows = await prisma.supervisionOpinion.findMany({
    where: { orgId, ...(motionId ? { motionId } : {}) },
    orderBy: { createdAt: "desc" },
  });
  const accounts = await prisma.account.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.accountId))] } },
    select: { id: true, displayName: true },
  });
  const names = new Map(accounts.map((a) => [a.id, a.displayName]));
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    author: names.get(r.accountId) ?? "",
    createdAt: r.createdAt,
    meetingId: r.meetingId,
    motionId: r.motionId,
  }));
}

export async function auditConsole(viewer: Viewer | null, orgId: string): Promise<AuditConsole> {
  await requireSupervisor(viewer, orgId);
  const org = await currentDb().prisma.organization.findUnique({ where: { id: orgId }, select: { id: true, name: true } });
  if (!org) throw new AppError("not_found", "organization not found");
  const status = await verifyStoredLog(orgId);
  return {
    org,
    status,
    checkpoint: await checkpointView(orgId),
    decisions: await decisionsOf(orgId),
    opinions: await opinionsOf(orgId),
    witnessing: await witnessView(orgId),
  };
}
