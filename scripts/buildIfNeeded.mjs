// Builds the Next app when the sources changed since the last build (or there is none). Used by `npm start`
// (server/index.ts) and `npm test`, so that a fresh clone needs no separate build step.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = ["app", "server", "messages", "public", "prisma", "next.config.js", "package-lock.json", "tsconfig.json", "proxy.ts"];
// next build rewrites the tsconfig it is given (it adds its dist dir's type folders). It gets a generated one that
// extends ours, inside the ignored build folder, so the committed tsconfig.json never changes.
const NEXT_TSCONFIG = path.join(".next-builds", "tsconfig.next.json");
const SKIP = new Set(["node_modules", ".next", ".next-builds", "data", "test-data", "migrations"]);
// Each build goes to its own folder named by its sources' hash, so that a server still running on an older build
// never has its files replaced under it; `current` names the newest complete build.
const BUILDS = path.join(ROOT, ".next-builds");
const CURRENT = path.join(BUILDS, "current");
const KEEP = 3;

function walk(file, files) {
  if (!existsSync(file)) return;
  const stat = statSync(file);
  if (stat.isDirectory()) {
    for (const name of readdirSync(file).sort()) {
      if (!SKIP.has(name) && !name.endsWith(".test.ts")) walk(path.join(file, name), files);
    }
    return;
  }
  files.push([path.relative(ROOT, file), stat.size, stat.mtimeMs]);
}

// Reading and hashing every source takes a quarter of a second or more, on every start. The hash is kept with the
// files' sizes and modification times: while none of them changed (and no file came or went), it is reused.
const STAMP = path.join(BUILDS, "sources.json");

/** The sha-256 of every input's path and content (hex). */
export function sourceHash() {
  const files = [];
  for (const input of INPUTS) walk(path.join(ROOT, input), files);
  const stats = createHash("sha256").update(JSON.stringify(files)).digest("hex");
  try {
    const kept = JSON.parse(readFileSync(STAMP, "utf8"));
    if (kept.stats === stats && typeof kept.hash === "string") return kept.hash;
  } catch {
    // No stamp yet, or an unreadable one: hash the contents.
  }
  const hash = createHash("sha256");
  for (const [file] of files) {
    hash.update(file);
    hash.update(readFileSync(path.join(ROOT, file)));
  }
  const digest = hash.digest("hex");
  try {
    mkdirSync(BUILDS, { recursive: true });
    const temporary = `${STAMP}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ stats, hash: digest }));
    renameSync(temporary, STAMP);
  } catch {
    // A read-only checkout: hash again next time.
  }
  return digest;
}

const LOCK = path.join(ROOT, ".yishi-build.lock");

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Two builds into one .next clobber each other (a test run and a server start at once): take turns. */
function withBuildLock(fn) {
  for (;;) {
    try {
      const fd = openSync(LOCK, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(LOCK, "utf8"), 10);
      if (!Number.isInteger(owner) || !isAlive(owner)) {
        unlinkSync(LOCK);
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    unlinkSync(LOCK);
  }
}

export function buildIfNeeded(options = {}) {
  return withBuildLock(() => buildUnlocked(options));
}

/** The dist dir of the newest complete build (relative to the project), or null. */
export function currentDistDir() {
  if (!existsSync(CURRENT)) return null;
  const dir = readFileSync(CURRENT, "utf8").trim();
  return existsSync(path.join(ROOT, dir, "BUILD_ID")) ? dir : null;
}

function buildUnlocked({ quiet = false }) {
  const wanted = sourceHash();
  const distDir = path.join(".next-builds", wanted.slice(0, 16));
  if (currentDistDir() === distDir) return false;
  mkdirSync(BUILDS, { recursive: true });
  writeFileSync(
    path.join(ROOT, NEXT_TSCONFIG),
    `${JSON.stringify({ extends: "../tsconfig.json", include: ["../next-env.d.ts", "../**/*.ts", "../**/*.tsx", "../**/*.mts"], exclude: ["../node_modules", "../data", "../test-data", "../.next", "../.next-builds", "../bench/results"] }, null, 2)}\n`,
  );
  // A command, socket event or route without a row in the permission matrix fails the build (issue #9).
  const matrix = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "server/auth/checkMatrix.ts")], {
    cwd: ROOT,
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
  if (matrix.status !== 0) {
    console.error("构建失败：权限矩阵不完整 (build failed: the permission matrix is incomplete)");
    process.exit(1);
  }
  if (!quiet) console.log("正在构建界面（首次启动需要几分钟）… building the web app…");
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", YISHI_DIST_DIR: distDir, YISHI_NEXT_TSCONFIG: NEXT_TSCONFIG },
  });
  if (result.status !== 0) {
    console.error("构建失败 (next build failed)");
    process.exit(1);
  }
  writeFileSync(CURRENT, `${distDir}\n`);
  pruneOldBuilds(distDir);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildIfNeeded();

function pruneOldBuilds(keep) {
  const dirs = readdirSync(BUILDS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ dir: path.join(".next-builds", d.name), time: statSync(path.join(BUILDS, d.name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { dir } of dirs.slice(KEEP)) if (dir !== keep) rmSync(path.join(ROOT, dir), { recursive: true, force: true });
}
