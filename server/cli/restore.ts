/**
 * `npm run restore -- FILE [--data-dir DIR]`: restores a backup into an EMPTY data directory (YISHI_DATA_DIR or
 * --data-dir), or into an EMPTY PostgreSQL database when DATABASE_URL is set (the signing key then goes to the data
 * directory). Every audit log is verified before the restore counts as done; if one does not verify, everything
 * the restore wrote is removed and it exits 1.
 */
import path from "node:path";
import { progressLine } from "../ops/progress";
import { restoreBackup } from "../ops/restore";
import { parseArgs, runTool, toolConfig, UsageError } from "../ops/toolRuntime";

const USAGE = "usage: npm run restore -- FILE [--data-dir DIR]   (into PostgreSQL: set DATABASE_URL)";

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2), ["--data-dir"]);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [file, ...extra] = args.rest;
  if (!file || extra.length > 0) throw new UsageError("name one backup file");
  const config = toolConfig(args.values["--data-dir"]);
  const open: { finish(): void }[] = [];
  let result: Awaited<ReturnType<typeof restoreBackup>>;
  try {
    result = await restoreBackup({
      file: path.resolve(file),
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      progress: (phase) => {
        open.forEach((p) => p.finish());
        open.length = 0;
        const line = progressLine(phase);
        open.push(line);
        return line;
      },
    });
    open.forEach((p) => p.finish());
  } catch (error) {
    open.forEach((p) => p.finish());
    throw new Error(`恢复未完成，已撤销写入的内容 restore refused, nothing was left behind: ${(error as Error).message}`);
  }
  const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : config.dataDir;
  const entries = result.logs.reduce((sum, l) => sum + l.entries, 0);
  console.log(`已恢复 restored into ${where}: backup of ${result.manifest.createdAt} (${result.manifest.kind}, Yishi ${result.manifest.yishiVersion})`);
  console.log(
    `审计日志已验证 audit logs verified: ${result.logs.length} organizations, ${entries} entries, ${result.logs.reduce((s, l) => s + l.checkpoints, 0)} checkpoints`,
  );
  return 0;
}

runTool("restore", USAGE, main);
