/**
 * Appending to the audit log on PGlite, in batches (appendAuditMany in one transaction per batch, as the vote
 * batcher does). Target (issue #4): at least 2,000 entries/s sustained. Not a test: prints a table and returns
 * `{ entries, ms, perSecond, rows }`.
 *
 *   npx tsx bench/auditAppend.ts [entries]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type AppendInput, appendAuditMany } from "../server/audit/append";
import { entryFields } from "../server/audit/testLog";
import { openDatabase, withDedicatedConnection } from "../server/db/client";
import { migrate } from "../server/db/migrate";

export type AppendRow = { batch: number; entries: number; ms: number; perSecond: number };
export type AppendResult = { entries: number; ms: number; perSecond: number; rows: AppendRow[] };

const BATCHES = [100, 250, 500];

function inputs(orgId: string, from: number, count: number): AppendInput[] {
  return Array.from({ length: count }, (_, i) => {
    const f = entryFields(from + i, orgId);
    return { orgId, meetingId: f.meeting, actor: f.actor, action: f.action, object: f.object, data: f.data, now: new Date(f.ts) };
  });
}

export async function run(total = 10_000): Promise<AppendResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-bench-append-"));
  const db = await openDatabase({ dataDir });
  try {
    await withDedicatedConnection(db, undefined, (sql) => migrate(sql));
    const rows: AppendRow[] = [];
    for (const batch of BATCHES) {
      const orgId = `org_bench_${batch}`;
      const started = performance.now();
      for (let done = 0; done < total; done += batch) {
        const slice = inputs(orgId, done, Math.min(batch, total - done));
        await db.prisma.$transaction((tx) => appendAuditMany(tx, slice), { timeout: 60_000 });
      }
      const ms = performance.now() - started;
      rows.push({ batch, entries: total, ms: Math.round(ms), perSecond: Math.round((total / ms) * 1000) });
    }
    const best = rows.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    return { entries: best.entries, ms: best.ms, perSecond: best.perSecond, rows };
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await run(Number(process.argv[2] ?? 10_000));
  console.log("audit append on PGlite (target ≥ 2,000 entries/s)");
  console.table(result.rows);
  console.log(JSON.stringify({ entries: result.entries, ms: result.ms, perSecond: result.perSecond }));
}
