/**
 * Burst: N members, each on their own logged-in socket, cast a named vote at the same wall-clock moment; we time
 * until the last acknowledgement (an ack means committed with its audit entry). Afterwards — server stopped — the
 * database is checked: every acknowledged vote has its row with the right choice and exactly one `vote.cast` entry.
 */
import { randomUUID } from "node:crypto";
import { currentDb } from "../../server/db";
import { type DbTarget, withDatabase } from "../../server/faults/assembly";
import type { Phone } from "../../server/faults/clients";
import type { ClientPool } from "./clients";
import type { Ack, Vote } from "./protocol";
import { percentile, wallNow } from "./stats";

type Report = (fraction: number, detail: string) => void;

export type BurstRun = {
  motionId: string;
  voters: number;
  all_acked_ms: number;
  p50_ack_ms: number;
  acked: boolean[];
  votes: Vote[];
  refused: Record<string, number>;
  retries: number;
};

type ChairView = { motion: { id: string; state: string } | null };

/** Closes and announces a vote left open by an interrupted run, so that a new one can open. */
async function clearOpenVote(chair: Phone, meetingId: string): Promise<void> {
  const joined = await chair.call<{ view: ChairView }>("meeting:join", { meetingId });
  if (!joined.ok) throw new Error(`join: ${joined.error.message}`);
  const left = joined.data.view.motion;
  if (left && (left.state === "open" || left.state === "closed")) {
    await chair.call("vote:close", { meetingId, motionId: left.id });
    await chair.call("vote:announce", { meetingId, motionId: left.id });
  }
}

export async function burst(options: {
  pool: ClientPool;
  url: string;
  meetingId: string;
  chair: Phone;
  cookies: string[];
  onProgress: Report;
}): Promise<BurstRun> {
  const { pool, chair, meetingId } = options;
  const count = options.cookies.length;
  const connected = await pool.connect({
    url: options.url,
    count,
    cookies: options.cookies,
    parallel: 10,
    onProgress: (done) => options.onProgress((0.7 * done) / count, `${done}/${count} voters connected`),
  });
  if (connected.failed > 0) throw new Error(`${connected.failed} voters could not connect`);
  await clearOpenVote(chair, meetingId);
  const opened = await chair.call<{ result: { motionId: string } }>("vote:open", {
    meetingId,
    text: `基准测试表决 ${new Date().toISOString()}`,
    method: "named",
    matterKind: "general",
  });
  if (!opened.ok) throw new Error(`vote:open: ${opened.error.message}`);
  const motionId = opened.data.result.motionId;
  const choices = ["yes", "no", "abstain"] as const;
  const votes: Vote[] = options.cookies.map((_, i) => ({ choice: choices[i % 3] as Vote["choice"], clientId: randomUUID() }));
  options.onProgress(0.75, `${count} votes at once…`);
  const at = wallNow() + 500;
  const { acks, retries } = await pool.cast({ meetingId, motionId, at, attemptMs: 30_000, votes });
  const times = acks.filter((a) => a.ok).map((a) => a.at - at);
  const refused: Record<string, number> = {};
  for (const a of acks.filter((x: Ack) => !x.ok)) refused[a.code ?? "?"] = (refused[a.code ?? "?"] ?? 0) + 1;
  options.onProgress(0.9, "closing the vote");
  const closed = await chair.call("vote:close", { meetingId, motionId }, 60_000);
  if (!closed.ok) throw new Error(`vote:close: ${closed.error.message}`);
  await chair.call("vote:announce", { meetingId, motionId }, 60_000);
  await pool.disconnect();
  return {
    motionId,
    voters: count,
    all_acked_ms: times.length > 0 ? Math.max(...times) : Number.NaN,
    p50_ack_ms: percentile(times, 50),
    acked: acks.map((a) => a.ok),
    votes,
    refused,
    retries,
  };
}

/** Lost: acknowledged but missing (no row, another choice, or no audit entry). Duplicated: any second entry or row. */
export async function checkBurst(
  target: DbTarget,
  orgId: string,
  meetingId: string,
  voterIds: string[],
  run: BurstRun,
): Promise<{ lost: number; duplicated: number }> {
  return withDatabase(target, async () => {
    const { prisma } = currentDb();
    const rows = await prisma.voteRecord.findMany({ where: { motionId: run.motionId }, select: { voterPersonId: true, choice: true } });
    const entries = await prisma.auditEntry.findMany({ where: { orgId, meetingId, action: "vote.cast" }, select: { bytes: true } });
    const perVoter = new Map<string, number>();
    for (const { bytes } of entries) {
      const entry = JSON.parse(bytes) as { object: { id: string }; data: { voterPersonId: string } };
      if (entry.object.id === run.motionId) perVoter.set(entry.data.voterPersonId, (perVoter.get(entry.data.voterPersonId) ?? 0) + 1);
    }
    const rowsPerVoter = new Map<string, number>();
    const choiceOf = new Map<string, string>();
    for (const row of rows) {
      rowsPerVoter.set(row.voterPersonId, (rowsPerVoter.get(row.voterPersonId) ?? 0) + 1);
      choiceOf.set(row.voterPersonId, row.choice);
    }
    let lost = 0;
    run.acked.forEach((ok, i) => {
      const voter = voterIds[i] ?? "";
      if (ok && (choiceOf.get(voter) !== run.votes[i]?.choice || (perVoter.get(voter) ?? 0) === 0)) lost += 1;
    });
    let duplicated = 0;
    for (const n of [...perVoter.values(), ...rowsPerVoter.values()]) duplicated += Math.max(0, n - 1);
    return { lost, duplicated };
  });
}
