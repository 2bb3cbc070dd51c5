/**
 * The supervisor console's view of witnessing (issue #21): for each configured witness, whether it cosigns this
 * organization's checkpoints (green), cannot be reached (with the offline periods that ended), or refused a checkpoint
 * as inconsistent with one it cosigned before (red); and for the latest checkpoints, which witnesses cosigned each.
 */

import { parseWitnessVkey } from "../audit/verify.mjs";
import { configuredWitnesses, localWitnessTargets, type WitnessStatus, witnessLabel } from "../audit/witnessing";
import { currentDb } from "../db";

export type WitnessRow = {
  name: string;
  /** The township's name for its in-deployment witness, else the key name. */
  display: string;
  /** Set for the township's witness hosted here (its verifier key is shown for checking cosignatures by hand). */
  townshipVkey: string | null;
  label: string;
  status: WitnessStatus | "pending";
  knownSize: number;
  lastError: string | null;
  failingSince: Date | null;
  refusedSize: number | null;
  refusedAt: Date | null;
  /** A refusal because the checkpoint contradicts what the witness cosigned (422, or a shorter log): a rewritten log. */
  inconsistent: boolean;
  gaps: { from: Date; to: Date }[];
};

export type CheckpointWitnessing = { size: number; signedAt: Date; witnessedBy: { name: string; display: string; at: Date }[] };

export type WitnessView = { witnesses: WitnessRow[]; checkpoints: CheckpointWitnessing[] };

const RECENT = 8;

function labelOf(vkey: string): { name: string; label: string } {
  try {
    const verifier = parseWitnessVkey(vkey);
    return { name: verifier.name, label: witnessLabel(verifier) };
  } catch {
    return { name: vkey, label: vkey };
  }
}

export async function witnessView(orgId: string): Promise<WitnessView> {
  const { prisma } = currentDb();
  const [states, checkpoints] = await Promise.all([
    prisma.auditWitnessState.findMany({ where: { orgId }, orderBy: { witness: "asc" } }),
    prisma.auditCheckpoint.findMany({ where: { orgId }, orderBy: { size: "desc" }, take: RECENT, select: { size: true, createdAt: true } }),
  ]);
  const cosignatures = await prisma.auditCosignature.findMany({
    where: { orgId, size: { in: checkpoints.map((c) => c.size) } },
    orderBy: [{ witness: "asc" }],
  });
  let configured: string[] = [];
  try {
    configured = configuredWitnesses().map((t) => t.vkey);
  } catch {
    // A bad YISHI_WITNESSES stops the server at start; here it only means nothing more to list.
  }
  const local = await localWitnessTargets(orgId);
  configured.push(...local.map((t) => t.vkey).filter((vkey) => !configured.includes(vkey)));
  const displayOf = (name: string) => local.find((t) => t.verifier.name === name)?.display ?? name;
  const townshipVkey = (vkey: string) => (local.some((t) => t.vkey === vkey) ? vkey : null);
  const known = new Set(states.map((s) => s.witness));
  const witnesses: WitnessRow[] = [
    ...states.map((s) => ({
      ...labelOf(s.witness),
      display: displayOf(labelOf(s.witness).name),
      townshipVkey: townshipVkey(s.witness),
      status: s.status as WitnessStatus,
      knownSize: s.knownSize,
      lastError: s.lastError,
      failingSince: s.failingSince,
      refusedSize: s.refusedSize,
      refusedAt: s.refusedAt,
      inconsistent: s.status === "refused" && /^HTTP 422|more than this log's/.test(s.lastError ?? ""),
      gaps: (Array.isArray(s.gaps) ? (s.gaps as { from: string; to: string }[]) : []).map((g) => ({ from: new Date(g.from), to: new Date(g.to) })),
    })),
    ...configured
      .filter((vkey) => !known.has(vkey))
      .map((vkey) => ({
        ...labelOf(vkey),
        display: displayOf(labelOf(vkey).name),
        townshipVkey: townshipVkey(vkey),
        status: "pending" as const,
        knownSize: 0,
        lastError: null,
        failingSince: null,
        refusedSize: null,
        refusedAt: null,
        inconsistent: false,
        gaps: [],
      })),
  ];
  return {
    witnesses,
    checkpoints: checkpoints.map((c) => ({
      size: c.size,
      signedAt: c.createdAt,
      witnessedBy: cosignatures.filter((w) => w.size === c.size).map((w) => ({ name: w.witness, display: displayOf(w.witness), at: w.cosignedAt })),
    })),
  };
}
