/**
 * Starts a real Yishi process for an integration test: port 0, a fresh data directory (or, when DATABASE_URL is set,
 * a fresh PostgreSQL database), REDIS_URL passed through. Nothing of ours is mocked.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { appRoleUrl, createFreshDatabase } from "../../scripts/freshDatabase.mjs";
import { seedPgliteDataDir } from "./pgliteTemplate";

export type TestServer = {
  url: string;
  dataDir: string;
  databaseUrl?: string;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** kill -9. */
  kill(): Promise<void>;
  /** Removes the data directory / drops the database. */
  cleanup(): Promise<void>;
};

export type StartOptions = {
  env?: Record<string, string | undefined>;
  dataDir?: string;
  databaseUrl?: string | null;
  /** Keep the same database on restart (a second node, or a restart test). */
  reuseDatabase?: boolean;
  /**
   * PostgreSQL only: run as an ordinary role (row-level security binds it), with the test's role — the tables'
   * owner — in YISHI_MIGRATE_URL, as docs/operations.md recommends. Otherwise the server runs as whoever
   * DATABASE_URL names (a superuser on the test machines), with YISHI_ALLOW_SUPERUSER=1.
   */
  appRole?: boolean;
  timeoutMs?: number;
};

/**
 * The path of the compiled server (scripts/serverBundle.mjs) that test servers run, as `npm start` runs it (without
 * Node's process-wide source maps). The test run's global setup compiles it for the current sources and sets this
 * (server/testing/globalSetup.ts): a start then costs about 1.5 s less of the two cores than through tsx. `tsx` (or
 * unset, in a run without that setup) runs the TypeScript sources through tsx instead.
 */
export const SERVER_BUNDLE_ENV = "YISHI_TEST_SERVER_BUNDLE";

/** The node arguments that run the server: the compiled bundle when YISHI_TEST_SERVER_BUNDLE names one, else tsx. */
export function serverEntry(): string[] {
  const bundle = process.env[SERVER_BUNDLE_ENV];
  return bundle && bundle !== "tsx" ? [bundle] : ["--import", "tsx", "server/index.ts"];
}

/**
 * Servers this test process started and that still run. Each test file runs in a process of its own; when it ends —
 * also after a failed or timed-out hook that never reached its cleanup — its servers end with it instead of running
 * on, orphaned, for the rest of the suite.
 */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "yishi-test-"));
  const baseDbUrl = options.databaseUrl === null ? undefined : (options.databaseUrl ?? process.env.DATABASE_URL);
  const fresh = baseDbUrl && !options.reuseDatabase ? await createFreshDatabase(baseDbUrl) : undefined;
  const databaseUrl = fresh?.url ?? baseDbUrl;
  if (!databaseUrl) seedPgliteDataDir(dataDir);
  const roleEnv =
    databaseUrl && options.appRole ? { DATABASE_URL: await appRoleUrl(databaseUrl), YISHI_MIGRATE_URL: databaseUrl } : { YISHI_ALLOW_SUPERUSER: "1" };
  const child = spawn(process.execPath, serverEntry(), {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      YISHI_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? "",
      REDIS_URL: process.env.REDIS_URL ?? "",
      NEXTAUTH_SECRET: "",
      NEXTAUTH_URL: "",
      YISHI_MIGRATE_URL: "",
      // The township's own witness (issue #21) is off unless a test turns it on: its cosignature lines would change the
      // checkpoint notes other tests read, and it opens a second database. server/witness/township.test.ts and
      // e2e/townwitness.spec.ts test it with it on.
      YISHI_TOWNSHIP_WITNESS: "0",
      // Under Vitest, no loading of the hall's pages after listening (server/web/warmUp.ts): most tests never open
      // them, and each warm-up cost about a second of the two cores the other test files share (server/index.test.ts
      // turns it on). The benchmarks start their servers as deployed, warm-up included (an undefined value is unset).
      YISHI_WARM_UP: process.env.VITEST ? "0" : undefined,
      ...roleEnv,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), options.timeoutMs ?? 90_000);
    const onData = () => {
      const match = /YISHI_LISTENING (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    // A server that did not start in time is killed and its data removed: left running it would hold a core for the
    // rest of the run and slow every later start past its own timeout.
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    await fresh?.drop().catch(() => undefined);
    throw error;
  });
  return {
    url,
    dataDir,
    databaseUrl,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
    async cleanup() {
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      await fresh?.drop().catch(() => undefined);
    },
  };
}

/** Runs the server entry once and returns its exit code and output (for start-up failures). */
export async function runServerToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, serverEntry(), {
    cwd: path.resolve(import.meta.dirname, "../.."),
    // Test databases belong to whoever DATABASE_URL names (a superuser on the test machines): allowed unless a test
    // asks otherwise (server/db/rls.test.ts checks the refusal).
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      REDIS_URL: "",
      DATABASE_URL: "",
      YISHI_MIGRATE_URL: "",
      YISHI_ALLOW_SUPERUSER: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}
