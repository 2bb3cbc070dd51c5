/**
 * Backfill of decision certificates (issue #23): a decision announced before certificates existed has no short ID
 * and no `decision.certified` entry, so its notice prints no QR code and /c/<ID> cannot verify it. This certifies
 * every passed vote on a matter that has none, exactly as announceResult would have at the time — one command and one
 * transaction per decision, each appending a new `decision.certified` entry (its `decidedOn` is the day the vote was
 * announced; the entry's own time is now). Recorded results, tallies and earlier entries are never rewritten. Running
 * it again finds nothing to do. Called at start-up and by `npm run certify:backfill`.
 */
import { z } from "zod";
import { requireOrgRole } from "../../auth/permissions";
import { currentDb } from "../../db";
import { AppError } from "../../errors";
import { type Actor, SYSTEM } from "../actor";
import { runCommand } from "../run";
import { certifyDecision } from "./certifyDecision";

const schema = z.strictObject({ motionId: z.string().min(1).max(64) });

/** Certifies one past decision; returns its short ID, or null when it already had one. Admins or the system. */
export async function certifyPastDecision(input: unknown, actor: Actor, now: Date = new Date()): Promise<string | null> {
  return runCommand(schema, input, actor, async (tx, data) => {
    const motion = await tx.motion.findUnique({
      where: { id: data.motionId },
      select: { state: true, decisionCode: true, result: true, meeting: { select: { orgId: true } }, item: { select: { matterId: true } } },
    });
    if (!motion) throw new AppError("not_found", "motion not found", { field: "motionId" });
    const auditActor = await requireOrgRole(tx, actor, motion.meeting.orgId, ["admin"]);
    if (motion.decisionCode) return null;
    const passed = (motion.result as { passed?: boolean } | null)?.passed === true;
    if (motion.state !== "announced" || !passed || !motion.item.matterId)
      throw new AppError("conflict", "only an announced, passed vote on a matter is certified", { field: "motionId", details: { reason: "not_a_decision" } });
    return certifyDecision(tx, { matterId: motion.item.matterId, motionId: data.motionId, actor: auditActor, now });
  });
}

/** Every announced, passed vote on a matter still without a certificate: one indexed query, empty once backfilled. */
export async function uncertifiedDecisions(): Promise<string[]> {
  const rows = await currentDb().prisma.motion.findMany({
    where: { state: "announced", decisionCode: null, item: { matterId: { not: null } } },
    orderBy: { announcedAt: "asc" },
    select: { id: true, result: true },
  });
  return rows.filter((r) => (r.result as { passed?: boolean } | null)?.passed === true).map((r) => r.id);
}

/** Certifies every past decision that has no certificate yet; returns the short IDs issued (none on a second run). */
export async function certifyPastDecisions(actor: Actor = SYSTEM, now: Date = new Date()): Promise<{ motionId: string; code: string }[]> {
  const issued: { motionId: string; code: string }[] = [];
  for (const motionId of await uncertifiedDecisions()) {
    const code = await certifyPastDecision({ motionId }, actor, now);
    if (code) issued.push({ motionId, code });
  }
  return issued;
}
