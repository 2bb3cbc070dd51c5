/**
 * When checkpoints get signed (DESIGN.md §6): after each vote closes, when a meeting adjourns, on minutes sign-off
 * and after a notice is published (after commit: server/listeners/checkpoint.ts, publish.ts), every 10 minutes while an organization's log has unsigned entries (a timer in
 * the server process), and at the end of the demo seed. Each goes through checkpointNow, which is safe to call from
 * several nodes at once and never re-signs an unchanged tree.
 */

import { StartupError } from "../config";
import { currentDb } from "../db";
import { errorFields, logger, redact } from "../ops/logger";
import { getRuntime } from "../runtime";
import { processSlot } from "../singleton";
import { auditKeys } from "./auditSigner";
import { type CheckpointResult, checkpointNow } from "./checkpointNow";
import { localWitnessHost } from "./localWitness";
import { configuredWitnesses, scheduleWitnessing, stopWitnessing, WitnessConfigError } from "./witnessing";

export const CHECKPOINT_INTERVAL_MS = 10 * 60 * 1000;

/** Organizations whose log has entries no checkpoint covers yet. */
export async function orgsWithUnsignedEntries(): Promise<string[]> {
  const { prisma } = currentDb();
  const [entries, checkpoints] = await Promise.all([
    prisma.auditEntry.groupBy({ by: ["orgId"], _max: { seq: true } }),
    prisma.auditCheckpoint.groupBy({ by: ["orgId"], _max: { size: true } }),
  ]);
  const signed = new Map(checkpoints.map((c) => [c.orgId, c._max.size ?? 0]));
  return entries
    .filter((e) => e._max.seq !== null && e._max.seq + 1 > (signed.get(e.orgId) ?? 0))
    .map((e) => e.orgId)
    .sort();
}

/** Signs a checkpoint for every organization with unsigned entries. A refusal for one log does not stop the others. */
export async function checkpointAllOrgs(): Promise<{ signed: CheckpointResult[]; failed: { orgId: string; message: string }[] }> {
  const signed: CheckpointResult[] = [];
  const failed: { orgId: string; message: string }[] = [];
  for (const orgId of await orgsWithUnsignedEntries()) {
    try {
      const result = await checkpointNow(orgId);
      if (result?.signed) signed.push(result);
    } catch (error) {
      const message = (error as Error).message;
      failed.push({ orgId, message });
      logger().error({ orgId, err: redact(message) }, "审计检查点签名失败 audit checkpoint not signed");
    }
  }
  return { signed, failed };
}

type Timer = { handle: NodeJS.Timeout; running: Promise<unknown> | null };
const running = processSlot<Timer>("__yishiCheckpointer");

/**
 * Starts the periodic checkpointer (server/index.ts, after listen). Loads the signing key first, creating it on a
 * first start, so that a missing or unreadable key stops the server with a clear message instead of failing later.
 */
export function startCheckpointer(intervalMs: number = CHECKPOINT_INTERVAL_MS): void {
  if (running.get()) return;
  const { source } = auditKeys();
  let witnesses: ReturnType<typeof configuredWitnesses>;
  try {
    witnesses = configuredWitnesses();
  } catch (error) {
    if (error instanceof WitnessConfigError) throw new StartupError(error.message);
    throw error;
  }
  if (source.kind === "file" && source.created) logger().info({ path: source.path }, "已生成审计签名密钥 audit signing key created");
  const timer: Timer = {
    running: null,
    handle: setInterval(() => {
      if (timer.running || getRuntime().shuttingDown) return;
      timer.running = checkpointAllOrgs()
        .then(() => retryWitnessing(witnesses))
        .catch((error: unknown) => logger().error(errorFields(error), "audit checkpointer round failed"))
        .finally(() => {
          timer.running = null;
        });
    }, intervalMs),
  };
  timer.handle.unref();
  running.set(timer);
}

/** Asks every witness about every log's latest checkpoint once (at start: the township's witness catches up). */
export async function witnessAllLogs(): Promise<void> {
  try {
    await retryWitnessing(configuredWitnesses());
  } catch (error) {
    logger().error(errorFields(error), "witnessing at start failed");
  }
}

/** Each round also asks the witnesses again about every log whose latest checkpoint they have not cosigned yet. */
async function retryWitnessing(witnesses: ReturnType<typeof configuredWitnesses>): Promise<void> {
  if (witnesses.length === 0 && !localWitnessHost()) return;
  const logs = await currentDb().prisma.auditCheckpoint.groupBy({ by: ["orgId"] });
  for (const { orgId } of logs) scheduleWitnessing(orgId, witnesses);
}

/** Stops the timer and waits for a round under way (server/index.ts shutdown, before the database closes). */
export async function stopCheckpointer(): Promise<void> {
  const timer = running.get();
  if (!timer) return stopWitnessing();
  clearInterval(timer.handle);
  running.clear();
  await timer.running;
  await stopWitnessing();
}
