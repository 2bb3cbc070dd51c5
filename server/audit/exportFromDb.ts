/**
 * An organization's export bundle (DESIGN.md §6) straight from the database: the stored bytes, every stored
 * checkpoint, the public keys, README.txt and verify.mjs, written by writeBundle and then checked by verify.mjs's own
 * verifyBundle. A bundle of a damaged log is still written — it is the evidence — and the problem is returned, naming
 * the first bad seq or checkpoint as the offline verifier will.
 */

import { currentDb } from "../db";
import { isAppError } from "../errors";
import { bundleKeys } from "./auditSigner";
import { checkpointNow } from "./checkpointNow";
import { writeBundle } from "./exportBundle";
import { localWitnessHost } from "./localWitness";
import { logOrigin, readCheckpoints, streamEntryBytes } from "./store";
import { type BundleSummary, VerifyError, verifyBundle } from "./verify.mjs";
import { configuredWitnesses, withCosignatures } from "./witnessing";

export type ExportProblem = { message: string; seq: number | null; file: string | null };

export type ExportResult = {
  orgId: string;
  origin: string;
  entries: number;
  /** The verifier's summary of the bundle just written, or null when it failed (see problem). */
  summary: BundleSummary | null;
  problem: ExportProblem | null;
  /** Why no fresh checkpoint could be signed first (a damaged log), if so. */
  signProblem: string | null;
};

export type ExportOptions = {
  /** Sign a checkpoint first if entries are unsigned (default true). */
  sign?: boolean;
  /** verifyBundle's worker threads: pass 0 inside Next's bundle. */
  workers?: number;
  exportedAt?: Date;
};

/** Writes the bundle of `orgId` into `dir` (which must not exist or be empty). */
export async function exportOrgBundle(orgId: string, dir: string, options: ExportOptions = {}): Promise<ExportResult> {
  const { prisma } = currentDb();
  let signProblem: string | null = null;
  if (options.sign !== false) {
    try {
      await checkpointNow(orgId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      signProblem = error.message;
    }
  }
  const org = await prisma.organization.findUnique({ where: { id: orgId }, select: { name: true } });
  const origin = await logOrigin(orgId);
  // Each checkpoint with the witnesses' cosignature lines (a note with more signature lines is still a valid note).
  const checkpoints = await Promise.all((await readCheckpoints(orgId)).map((c) => withCosignatures(orgId, c.size, c.note)));
  const { entries } = await writeBundle(dir, {
    origin,
    orgName: org?.name,
    entries: streamEntryBytes(orgId),
    checkpoints,
    keys: bundleKeys(origin),
    exportedAt: options.exportedAt ?? new Date(),
    witnesses: await witnessVkeys(orgId),
    verify: false,
  });
  try {
    const summary = await verifyBundle(dir, { origin, workers: options.workers });
    return { orgId, origin, entries, summary, problem: null, signProblem };
  } catch (error) {
    if (!(error instanceof VerifyError)) throw error;
    const problem = { message: error.message, seq: error.seq ?? null, file: error.file ?? null };
    return { orgId, origin, entries, summary: null, problem, signProblem };
  }
}

/**
 * The witnesses this server asks for this log — the township's own witness where one is hosted, and YISHI_WITNESSES —
 * named in the bundle's README; never trusted from the bundle.
 */
async function witnessVkeys(orgId: string): Promise<string[]> {
  // The township witness is named when it can be; an export never fails for want of that name.
  const township = await localWitnessHost()
    ?.witnessFor(orgId)
    .catch(() => null);
  let configured: string[] = [];
  try {
    configured = configuredWitnesses().map((w) => w.vkey);
  } catch {
    // A bad YISHI_WITNESSES stops the server at start; a tool exporting offline just names fewer witnesses.
  }
  return [...(township ? [township.vkey] : []), ...configured];
}
