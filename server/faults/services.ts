/**
 * Private Redis and PostgreSQL servers for the fault tests that stop them: each on its own free loopback port and
 * temp directory, so the shared services of the machine (and the other tests using them) are never disturbed.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../testing/cluster";

export type Service = {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  cleanup(): Promise<void>;
  output(): string;
};

function watch(child: ChildProcess, sink: { text: string }): Promise<void> {
  child.stdout?.on("data", (chunk: Buffer) => (sink.text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (sink.text += chunk.toString()));
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** redis-server on a free port, nothing persisted; stop() and start() again on the same port. */
export async function privateRedis(): Promise<Service> {
  const port = await freePort();
  const sink = { text: "" };
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const ping = () => spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG";
  const service: Service = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
      exited = watch(child, sink);
      await waitFor(ping, "redis-server");
    },
    async stop(signal = "SIGKILL") {
      if (child && child.exitCode === null) child.kill(signal);
      await exited;
    },
    async cleanup() {
      await service.stop();
    },
    output: () => sink.text,
  };
  await service.start();
  return service;
}

const PG_BIN = process.env.YISHI_PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** PostgreSQL refuses to run as root: as root, run its binaries as the postgres user (setpriv execs, so signals reach postgres). */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", command, ...args]] : [command, args];
}

/**
 * A PostgreSQL cluster of our own (initdb in a temp dir, Debian's PostgreSQL 15 binaries), on a free port,
 * trust authentication on loopback. `url` names its `postgres` database; stop() and start() restart it.
 */
export async function privatePostgres(): Promise<Service> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-pg-"));
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) {
    const pgUser = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const pgGroup = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    chownSync(dir, Number(pgUser.stdout.trim()), Number(pgGroup.stdout.trim()));
  }
  chmodSync(dir, 0o700);
  const [initCmd, initArgs] = asPostgres(path.join(PG_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stdout}${init.stderr}`);
  const sink = { text: "" };
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const ready = () => spawnSync(path.join(PG_BIN, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port), "-q"]).status === 0;
  const service: Service = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      const [cmd, args] = asPostgres(path.join(PG_BIN, "postgres"), [
        "-D",
        data,
        "-p",
        String(port),
        "-k",
        dir,
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
        "-c",
        "max_connections=60",
        "-c",
        "shared_buffers=32MB",
      ]);
      child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
      exited = watch(child, sink);
      await waitFor(ready, "postgres");
    },
    /** SIGINT: PostgreSQL's fast shutdown (clients are disconnected, transactions in flight roll back). */
    async stop(signal = "SIGINT") {
      if (child && child.exitCode === null) child.kill(signal);
      await exited;
    },
    async cleanup() {
      await service.stop("SIGINT");
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => sink.text,
  };
  await service.start();
  return service;
}
