// `npm test`: Biome's format and lint check, the type check, then every test — Vitest (unit + integration against
// real servers) and Playwright (Debian's Chromium).
// Runs on PGlite by default; with DATABASE_URL / REDIS_URL set, on PostgreSQL + Redis. Ends with one summary line
// "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIfNeeded } from "./buildIfNeeded.mjs";
import { appRoleUrl, createFreshDatabase } from "./freshDatabase.mjs";

const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`找不到 Chromium (${chromium})。请先安装: apt-get update && apt-get install -y chromium  (or set PLAYWRIGHT_CHROMIUM_PATH)`);
  process.exit(1);
}

mkdirSync("test-results", { recursive: true });
// Format and lint first (Biome, biome.json): fast, and a failure here is the cheapest to fix (`npm run format`).
console.log("== biome ci (format, lint, import order; `npm run format` fixes most)");
const lint = spawnSync(process.execPath, ["node_modules/@biomejs/biome/bin/biome", "ci", "--max-diagnostics=50"], { stdio: "inherit" });
if (lint.status !== 0) {
  console.error("\nformat or lint check failed: run `npm run format`, then fix what it reports\n0 passed, 1 failed");
  process.exit(1);
}
console.log("== tsc --noEmit (strict type check of the whole tree)");
const typecheck = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."], { stdio: "inherit" });
if (typecheck.status !== 0) {
  console.error("\ntype check failed\n0 passed, 1 failed");
  process.exit(1);
}
buildIfNeeded();
const vitestJson = path.resolve("test-results/vitest.json");
const e2eJson = path.resolve("test-results/e2e.json");
rmSync(vitestJson, { force: true });
rmSync(e2eJson, { force: true });

const run = (args, env = {}) => spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } }).status;

const extra = process.argv.slice(2);
const vitestStatus = run(["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`, ...extra]);

const e2eDataDir = mkdtempSync(path.join(tmpdir(), "yishi-e2e-"));
const database = process.env.DATABASE_URL ? await createFreshDatabase(process.env.DATABASE_URL, "yishi_e2e") : undefined;
let e2eStatus;
try {
  // On PostgreSQL the browser tests drive a server that runs as an ordinary role, bound by row-level security, and
  // migrates as the database's owner (docs/operations.md): every page and command they touch works that way.
  const roleUrl = database ? await appRoleUrl(database.url) : "";
  e2eStatus = run(["node_modules/@playwright/test/cli.js", "test"], {
    E2E_DATA_DIR: e2eDataDir,
    E2E_DATABASE_URL: roleUrl,
    E2E_MIGRATE_URL: database?.url ?? "",
  });
} finally {
  rmSync(e2eDataDir, { recursive: true, force: true });
  await database?.drop().catch(() => undefined);
}

let passed = 0;
let failed = 0;
if (existsSync(vitestJson)) {
  const result = JSON.parse(readFileSync(vitestJson, "utf8"));
  passed += result.numPassedTests ?? 0;
  // A suite counts only when it failed without a failing test of its own (a file that did not load, a hook).
  const failedTests = result.numFailedTests ?? 0;
  failed += failedTests > 0 ? failedTests : (result.numFailedTestSuites ?? 0);
} else failed += 1;
if (existsSync(e2eJson)) {
  const result = JSON.parse(readFileSync(e2eJson, "utf8"));
  passed += (result.stats?.expected ?? 0) + (result.stats?.flaky ?? 0);
  failed += result.stats?.unexpected ?? 0;
} else failed += 1;
if ((vitestStatus !== 0 || e2eStatus !== 0) && failed === 0) failed = 1;

console.log(`\n${process.env.DATABASE_URL ? "postgres" : "pglite"}: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
