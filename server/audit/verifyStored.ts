/**
 * Verifies an organization's stored log the way a supervisor's offline check would, for the console's green/red
 * status: the log is exported to a temporary folder and verify.mjs's verifyBundle runs on it (entries, prev chain,
 * every checkpoint's signature and root), so the server has no second copy of the rules. Two things only the
 * database has are checked besides: each row's stored leaf hash against its bytes (an edit of the newest, not yet
 * signed entry shows there) and each checkpoint row's size and root columns against its signed note.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readCheckpoint } from "./checkpoint";
import { type ExportProblem, exportOrgBundle } from "./exportFromDb";
import { readCheckpoints, streamEntries } from "./store";
import { leafHash } from "./verify.mjs";

export type LogStatus =
  | {
      ok: true;
      entries: number;
      checkpoints: number;
      latestCheckpointSize: number;
      unsignedTail: number;
      /** Root of the whole log, hex. */
      root: string;
    }
  | ({ ok: false } & ExportProblem);

async function storedColumnsProblem(orgId: string): Promise<ExportProblem | null> {
  for await (const row of streamEntries(orgId)) {
    if (leafHash(row.bytes).toString("hex") !== row.leafHash) {
      return { message: `seq ${row.seq}: the stored leaf hash does not match the entry's bytes (the entry was edited)`, seq: row.seq, file: null };
    }
  }
  for (const row of await readCheckpoints(orgId)) {
    let head: { size: number; root: Uint8Array };
    try {
      head = readCheckpoint(row.note);
    } catch (error) {
      return { message: `checkpoint ${row.size}: ${(error as Error).message}`, seq: null, file: `checkpoints/${row.size}.txt` };
    }
    if (head.size !== row.size || Buffer.from(head.root).toString("hex") !== row.rootHash) {
      return { message: `checkpoint ${row.size}: the stored size or root differs from the signed note`, seq: null, file: `checkpoints/${row.size}.txt` };
    }
  }
  return null;
}

/**
 * Checks the stored log without changing it (no checkpoint is signed). Never throws for a damaged log: the result
 * is red with the verifier's one-line reason and the seq or checkpoint it names.
 */
export async function verifyStoredLog(orgId: string, options: { workers?: number } = {}): Promise<LogStatus> {
  const dir = await mkdtemp(path.join(tmpdir(), "yishi-verify-"));
  try {
    const exported = await exportOrgBundle(orgId, path.join(dir, "bundle"), { sign: false, workers: options.workers ?? 0 });
    if (exported.problem) return { ok: false, ...exported.problem };
    const columns = await storedColumnsProblem(orgId);
    if (columns) return { ok: false, ...columns };
    const summary = exported.summary;
    if (!summary) return { ok: false, message: "the verifier returned no summary", seq: null, file: null };
    return {
      ok: true,
      entries: summary.entries,
      checkpoints: summary.checkpoints.length,
      latestCheckpointSize: summary.latestCheckpointSize,
      unsignedTail: summary.unsignedTail,
      root: summary.root.toString("hex"),
    };
  } catch (error) {
    return { ok: false, message: (error as Error).message, seq: null, file: null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
