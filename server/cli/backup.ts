/**
 * `npm run backup -- --out FILE [--data-dir DIR]`: a consistent backup while the app runs (docs/operations.md).
 *  - Embedded database with the server running: the server holds the database, so this tool asks it (POST
 *    /ops/backup on this machine, with the data directory's ops token) and saves what it sends.
 *  - Embedded database, server stopped: the tool opens the data directory itself.
 *  - PostgreSQL (DATABASE_URL): the tool dumps every table itself, in one snapshot, beside the running servers.
 * The file is written as FILE.partial and renamed when complete; an existing FILE is never overwritten.
 */

import { once } from "node:events";
import { createWriteStream, existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { prepareBackup } from "../ops/backup";
import { findRunningServer } from "../ops/opsEndpoint";
import { progressLine } from "../ops/progress";
import { writeTar } from "../ops/tar";
import { openForTool, parseArgs, requireAuditKey, runTool, toolConfig, UsageError, yishiVersion } from "../ops/toolRuntime";

const USAGE = "usage: npm run backup -- --out FILE [--data-dir DIR]";

async function fromServer(url: string, token: string, partial: string): Promise<string> {
  console.error(`议事服务器正在运行，由它生成备份 the server is running; it takes the backup (${url})`);
  const response = await fetch(`${url}/ops/backup`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`the server refused the backup: ${response.status} ${(await response.text()).trim()}`);
  const total = Number(response.headers.get("content-length") ?? 0);
  const progress = progressLine("备份 backup");
  const out = createWriteStream(partial, { mode: 0o600, flags: "wx" });
  let received = 0;
  for await (const chunk of Readable.fromWeb(response.body as never)) {
    received += (chunk as Buffer).length;
    if (!out.write(chunk)) await once(out, "drain");
    progress(received, total);
  }
  out.end();
  await once(out, "close");
  progress.finish();
  if (total > 0 && received !== total) throw new Error(`the backup arrived incomplete (${received} of ${total} bytes)`);
  return response.headers.get("x-yishi-backup-kind") ?? "pglite";
}

async function byItself(config: ReturnType<typeof toolConfig>, partial: string): Promise<string> {
  requireAuditKey(config);
  const db = await openForTool(config, "The data directory is locked but no running server answered; if one runs, check its ops-endpoint.json.");
  try {
    const reading = progressLine("读取数据库 reading the database");
    const prepared = await prepareBackup({ db, databaseUrl: config.databaseUrl, dataDir: config.dataDir, version: yishiVersion(), progress: reading });
    reading.finish();
    try {
      const writing = progressLine("写入备份 writing the backup");
      const out = createWriteStream(partial, { mode: 0o600, flags: "wx" });
      await writeTar(out, prepared.members, (n) => writing(n, prepared.size));
      out.end();
      await once(out, "close");
      writing.finish();
      return prepared.manifest.kind;
    } finally {
      await prepared.cleanup();
    }
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2), ["--out", "--data-dir"]);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const outArg = args.values["--out"];
  if (!outArg || args.rest.length > 0) throw new UsageError("--out FILE is required");
  const out = path.resolve(outArg);
  if (existsSync(out)) throw new Error(`${out} exists already; choose another file name`);
  const config = toolConfig(args.values["--data-dir"]);
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  try {
    const server = config.databaseUrl ? null : findRunningServer(config.dataDir);
    const kind = server ? await fromServer(server.url, server.token, partial) : await byItself(config, partial);
    renameSync(partial, out);
    console.log(`备份完成 backup written: ${out} (${kind === "pglite" ? "embedded database" : "logical dump of PostgreSQL"} + audit signing key)`);
    console.log("请妥善保管：备份含全部数据和审计签名密钥。Keep it safe: it holds all data and the audit signing key.");
    return 0;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

runTool("backup", USAGE, main);
