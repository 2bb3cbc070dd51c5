/**
 * `npm run audit:export -- --out DIR [--org ID]`: writes the export bundle of DESIGN.md §6 — entries.jsonl,
 * checkpoints/, log.pub, vkey, README.txt, verify.mjs — signing a fresh checkpoint first if entries are unsigned,
 * then checks it with verify.mjs. With --org, DIR is that organization's bundle; without, DIR/<orgId>/ for every
 * organization that has a log. Exit 0 when every bundle verifies; 1 when one does not (the bundle is still written:
 * it is the evidence); 2 on a usage or start-up problem.
 *
 * PGlite is single-process: while the server runs, this command cannot open the embedded database. Download the
 * bundle from the supervisor console instead, or stop the server first. On PostgreSQL it runs alongside the server.
 */
import path from "node:path";
import { parseArgs as parseArgv } from "node:util";
import { type ExportResult, exportOrgBundle } from "../audit/exportFromDb";
import { StartupError } from "../config";
import { openForCli } from "./open";

const USAGE = "usage: npm run audit:export -- --out DIR [--org ID]";

function parseArgs(argv: string[]): { out: string; org: string | null } {
  const { values } = parseArgv({ args: argv, options: { out: { type: "string" }, org: { type: "string" } }, strict: true });
  if (values.out === undefined) throw new Error("--out DIR is required");
  return { out: path.resolve(values.out), org: values.org ?? null };
}

const BUSY =
  "内置数据库（PGlite）同一时间只能由一个进程打开：服务器运行时，请在监督台（/supervise）下载审计包，或先停止服务器再导出。" +
  "\nThe embedded database (PGlite) can be opened by one process at a time: while the server runs, download the bundle" +
  " from the supervisor console (/supervise), or stop the server first. On PostgreSQL (DATABASE_URL) this command runs alongside the server.";

function report(result: ExportResult, dir: string): boolean {
  console.log(`${result.origin}: ${result.entries} entries → ${dir}`);
  if (result.signProblem) console.error(`  no new checkpoint signed: ${result.signProblem}`);
  if (result.problem) {
    console.error(`  FAIL: ${result.problem.message}`);
    return false;
  }
  const s = result.summary;
  if (s)
    console.log(`  OK: ${s.checkpoints.length} checkpoints, latest size ${s.latestCheckpointSize}; check with: node ${path.join(dir, "verify.mjs")} ${dir}`);
  return true;
}

async function main(): Promise<number> {
  let args: { out: string; org: string | null };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`audit:export: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const db = await openForCli("audit-export", BUSY);
  try {
    const orgIds = args.org ? [args.org] : (await db.prisma.auditEntry.groupBy({ by: ["orgId"], orderBy: { orgId: "asc" } })).map((g) => g.orgId);
    if (args.org && (await db.prisma.organization.count({ where: { id: args.org } })) === 0) {
      console.error(`audit:export: no organization ${args.org}`);
      return 2;
    }
    let isAllGood = true;
    for (const orgId of orgIds) {
      const dir = args.org ? args.out : path.join(args.out, orgId);
      isAllGood = report(await exportOrgBundle(orgId, dir), dir) && isAllGood;
    }
    if (orgIds.length === 0) console.log("no audit log to export");
    return isAllGood ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof StartupError ? error.message : `audit:export failed: ${(error as Error).message}`);
    process.exit(2);
  },
);
