/**
 * `npm run move-to-postgres -- --to postgresql://… [--data-dir DIR]`: moves the embedded database into an EMPTY
 * PostgreSQL database and checks that nothing changed on the way (server/ops/move.ts). Stop the server first: it
 * holds the embedded database's lock. Afterwards start it with DATABASE_URL set and the SAME data directory (it
 * keeps the audit signing key).
 */

import { moveToPostgres } from "../ops/move";
import { findRunningServer } from "../ops/opsEndpoint";
import { progressLine } from "../ops/progress";
import { parseArgs, runTool, toolConfig, UsageError } from "../ops/toolRuntime";

const USAGE = "usage: npm run move-to-postgres -- --to postgresql://user@host:5432/db [--data-dir DIR]";

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2), ["--to", "--data-dir"]);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const to = args.values["--to"];
  if (!to || !/^postgres(ql)?:\/\//.test(to) || args.rest.length > 0) throw new UsageError("--to postgresql://… is required");
  const config = toolConfig(args.values["--data-dir"]);
  const running = findRunningServer(config.dataDir);
  if (running) {
    throw new Error(
      `议事服务器正在运行（PID ${running.pid}），它持有内置数据库的锁：请先停止服务器（systemctl stop yishi）。The Yishi server is running (PID ${running.pid}) and holds the embedded database: stop it first.`,
    );
  }
  const open: { finish(): void }[] = [];
  const result = await moveToPostgres({
    dataDir: config.dataDir,
    to,
    progress: (phase) => {
      open.forEach((p) => p.finish());
      open.length = 0;
      const line = progressLine(phase);
      open.push(line);
      return line;
    },
  }).finally(() => open.forEach((p) => p.finish()));
  const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
  const entries = result.logs.reduce((sum, l) => sum + l.entries, 0);
  console.log(
    `已迁移 moved: ${result.tables.length} tables, ${rows} rows; every row and every audit byte is equal; ${result.logs.length} audit logs (${entries} entries) verify.`,
  );
  console.log("下一步 next: set DATABASE_URL to the new database, keep YISHI_DATA_DIR as it is (it holds the audit signing key), and start Yishi.");
  console.log(`The embedded database in ${config.dataDir}/pglite is no longer used; keep it (or a backup of it) until you have checked the new setup.`);
  return 0;
}

runTool("move-to-postgres", USAGE, main);
