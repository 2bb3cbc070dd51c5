/**
 * What the database holds about one vote after a fault, read the way a supervisor would check it: the vote rows,
 * and the organization's audit log exported as a bundle (DESIGN §6) and verified by verify.mjs — chain, leaf hashes,
 * Merkle root and signed checkpoints — then read line by line. Run with the server stopped on PGlite (one owner).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { exportOrgBundle } from "../audit/exportFromDb";
import { currentDb } from "../db";
import { type DbTarget, withDatabase } from "./assembly";

export type Ledger = {
  /** VoteRecord rows of the motion: voter → choice. */
  votes: Map<string, string>;
  /** vote.cast entries of the motion in the exported log: voter → how many. */
  castEntries: Map<string, number>;
  /** The tally the vote.closed entry recorded, if closed. */
  closedTally: { yes: number; no: number; abstain: number; cast: number } | null;
  entries: number;
  /** verify.mjs's verdict on the exported bundle: null when it verifies. */
  problem: string | null;
};

type Entry = { action: string; object: { type: string; id: string }; data: { voterPersonId?: string; tally?: Ledger["closedTally"] } };

export async function readLedger(target: DbTarget, orgId: string, motionId: string): Promise<Ledger> {
  return withDatabase(target, async () => {
    const { prisma } = currentDb();
    const rows = await prisma.voteRecord.findMany({ where: { motionId }, select: { voterPersonId: true, choice: true } });
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-ledger-"));
    try {
      const bundle = path.join(dir, "bundle");
      const exported = await exportOrgBundle(orgId, bundle, { workers: 0 });
      const castEntries = new Map<string, number>();
      let closedTally: Ledger["closedTally"] = null;
      const lines = readFileSync(path.join(bundle, "entries.jsonl"), "utf8").split("\n").filter(Boolean);
      for (const line of lines) {
        const entry = JSON.parse(line) as Entry;
        if (entry.object.id !== motionId) continue;
        if (entry.action === "vote.cast" && entry.data.voterPersonId) {
          castEntries.set(entry.data.voterPersonId, (castEntries.get(entry.data.voterPersonId) ?? 0) + 1);
        }
        if (entry.action === "vote.closed") closedTally = entry.data.tally ?? null;
      }
      return {
        votes: new Map(rows.map((r) => [r.voterPersonId, r.choice])),
        castEntries,
        closedTally,
        entries: lines.length,
        problem: exported.problem?.message ?? exported.signProblem ?? null,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
