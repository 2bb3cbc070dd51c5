// Builds the Next app when the sources changed since the last build (or there is none). Used by `npm start`
// (server/index.ts) and `npm test`, so that a fresh clone needs no separate build step.
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const INPUTS = ["app", "server", "messages", "public", "next.config.js", "package-lock.json", "tsconfig.json", "proxy.ts"];
const SKIP = new Set(["node_modules", ".next", "data", "test-data"]);
const STAMP = path.join(ROOT, ".next", "yishi-source-hash");

function walk(file, hash) {
  if (!existsSync(file)) return;
  const stat = statSync(file);
  if (stat.isDirectory()) {
    for (const name of readdirSync(file).sort()) {
      if (!SKIP.has(name) && !name.endsWith(".test.ts")) walk(path.join(file, name), hash);
    }
    return;
  }
  hash.update(path.relative(ROOT, file));
  hash.update(readFileSync(file));
}

export function sourceHash() {
  const hash = createHash("sha256");
  for (const input of INPUTS) walk(path.join(ROOT, input), hash);
  return hash.digest("hex");
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

function buildUnlocked({ quiet = false }) {
  const wanted = sourceHash();
  const built = existsSync(path.join(ROOT, ".next", "BUILD_ID")) && existsSync(STAMP) ? readFileSync(STAMP, "utf8").trim() : "";
  if (built === wanted) return false;
  if (!quiet) console.log("正在构建界面（首次启动需要几分钟）… building the web app…");
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    console.error("构建失败 (next build failed)");
    process.exit(1);
  }
  writeFileSync(STAMP, `${wanted}\n`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildIfNeeded();
