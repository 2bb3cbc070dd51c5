/**
 * Several Yishi nodes for the scale and fault tests: nodes that share one database and Redis (and, as a real
 * deployment must, one NEXTAUTH_SECRET and one audit key), and Debian's nginx in front of them running
 * deploy/nginx/yishi.conf with the test's ports filled in. nginx runs as a child on loopback with its own prefix and
 * temp directories; /etc/nginx is never touched.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type StartOptions, startServer, type TestServer } from "./server";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const NGINX_CONF = path.join(ROOT, "deploy/nginx/yishi.conf");
const NGINX_BIN = process.env.NGINX_BIN ?? "/usr/sbin/nginx";

/** A TCP port free on loopback right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** What every node of one deployment shares besides the database: the session secret and the audit signing key. */
export function sharedSecrets(): Record<string, string> {
  const { privateKey } = generateKeyPairSync("ed25519");
  return {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    YISHI_AUDIT_KEY: Buffer.from(privateKey.export({ type: "pkcs8", format: "pem" }).toString()).toString("base64"),
  };
}

export type NodeOptions = {
  /** The shared database: a PostgreSQL URL, or a PGlite data directory (one node only). */
  databaseUrl?: string;
  dataDir?: string;
  redisUrl?: string;
  /** Shared by every node of a deployment (sharedSecrets()); a lone node keeps its own in its data directory. */
  secrets?: Record<string, string>;
  /** A fixed port (nginx's upstream, or a restart on the same address); default: any free port. */
  port?: number;
  env?: Record<string, string>;
};

/** Starts one node of a deployment on an existing database (never a fresh one: the nodes share it). */
export async function startNode(options: NodeOptions): Promise<TestServer> {
  const start: StartOptions = {
    databaseUrl: options.databaseUrl ?? null,
    reuseDatabase: true,
    dataDir: options.dataDir,
    env: {
      YISHI_DEMO: "0",
      REDIS_URL: options.redisUrl ?? "",
      PORT: String(options.port ?? 0),
      ...options.secrets,
      ...options.env,
    },
  };
  return startServer(start);
}

export type Nginx = { url: string; port: number; output: () => string; stop(): Promise<void> };

/** deploy/nginx/yishi.conf with its listen address and upstream servers replaced by the given loopback ports. */
export function nginxSiteFor(listenPort: number, upstreamPorts: number[], conf = readFileSync(NGINX_CONF, "utf8")): string {
  const withListen = conf.replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${listenPort};`);
  return withListen.replace(/upstream (\w+) \{([\s\S]*?)\n\}/g, (_block, name: string, inner: string) => {
    const lines = inner.split("\n");
    const template = lines.find((l) => /^\s*server 127\.0\.0\.1:\d+/.test(l));
    if (!template) throw new Error(`upstream ${name} in ${NGINX_CONF} has no "server 127.0.0.1:PORT" line`);
    const kept = lines.filter((l) => !/^\s*server 127\.0\.0\.1:\d+/.test(l));
    const servers = upstreamPorts.map((port) => template.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`));
    const at = kept.findIndex((l) => /^\s*(least_conn|hash|ip_hash)\b/.test(l));
    kept.splice(at >= 0 ? at + 1 : 1, 0, ...servers);
    return `upstream ${name} {${kept.join("\n")}\n}`;
  });
}

/** Runs Debian's nginx (not daemonized) with deploy/nginx/yishi.conf in front of the given node ports. */
export async function startNginx(upstreamPorts: number[]): Promise<Nginx> {
  const prefix = mkdtempSync(path.join(tmpdir(), "yishi-nginx-"));
  // Workers run as nobody when the master is root: they must be able to write the temp directories.
  for (const dir of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"]) mkdirSync(path.join(prefix, dir), { recursive: true, mode: 0o777 });
  chmodSync(prefix, 0o755);
  for (const dir of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"]) chmodSync(path.join(prefix, dir), 0o777);
  const port = await freePort();
  const site = nginxSiteFor(port, upstreamPorts);
  const main = [
    `pid ${prefix}/nginx.pid;`,
    "worker_processes 1;",
    `error_log ${prefix}/logs/error.log warn;`,
    "events { worker_connections 8192; }",
    "http {",
    "  access_log off;",
    `  client_body_temp_path ${prefix}/client_body;`,
    `  proxy_temp_path ${prefix}/proxy;`,
    `  fastcgi_temp_path ${prefix}/fastcgi;`,
    `  uwsgi_temp_path ${prefix}/uwsgi;`,
    `  scgi_temp_path ${prefix}/scgi;`,
    `  include ${prefix}/yishi.conf;`,
    "}",
    "",
  ].join("\n");
  writeFileSync(path.join(prefix, "yishi.conf"), site);
  writeFileSync(path.join(prefix, "nginx.conf"), main);
  const child: ChildProcess = spawn(NGINX_BIN, ["-p", prefix, "-e", `${prefix}/logs/error.log`, "-c", `${prefix}/nginx.conf`, "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const errorLog = () => {
    try {
      return readFileSync(path.join(prefix, "logs/error.log"), "utf8");
    } catch {
      return "";
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${output}\n${errorLog()}`);
    const ready = await fetch(`${url}/nginx-probe`).then(
      () => true,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start:\n${output}\n${errorLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    output: () => `${output}\n${errorLog()}`,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** Whether this run has the services several nodes need (the PostgreSQL + Redis CI run). */
export function clusterServices(): { databaseUrl: string; redisUrl: string } | null {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  return databaseUrl && redisUrl ? { databaseUrl, redisUrl } : null;
}
