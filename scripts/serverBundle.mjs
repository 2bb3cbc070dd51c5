// The custom server compiled ahead of time (issue #24): one ES module bundling server/index.ts and everything of ours
// it imports (npm packages stay imports), so that a start loads plain JavaScript instead of transpiling a few hundred
// TypeScript files through tsx (about 4 s of the two cores). Named by the same source hash as the web build, so a
// bundle is only ever used for the sources it was made from; making one takes well under a second.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourceHash } from "./buildIfNeeded.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIR = path.join(ROOT, ".next-builds");
const KEEP = 3;

/** Where the bundle for the current sources is (or would be). */
export function serverBundlePath(hash = sourceHash()) {
  return path.join(DIR, `server-${hash.slice(0, 16)}.mjs`);
}

/**
 * The bundle for the current sources, made now when missing. Returns null when it cannot be made (no esbuild, which
 * comes with tsx): the caller then runs the TypeScript sources through tsx as before.
 */
export async function ensureServerBundle({ quiet = true } = {}) {
  const target = serverBundlePath();
  if (existsSync(target)) return target;
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return null;
  }
  mkdirSync(DIR, { recursive: true });
  // Built in memory and written under temporary names, then renamed: a server starting at the same moment never imports
  // half a file. The map's link names the final file (esbuild would name the temporary one).
  const temporary = `${target}.${process.pid}.tmp`;
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, "server/index.ts")],
    absWorkingDir: ROOT,
    outfile: target,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    plugins: [keepPlainModules],
    tsconfig: path.join(ROOT, "tsconfig.json"),
    // For the rare CommonJS `require` inside our own files once they are one ES module.
    banner: { js: 'import { createRequire as __yishiCreateRequire } from "node:module"; const require = __yishiCreateRequire(import.meta.url);' },
    sourcemap: "linked",
    logLevel: quiet ? "error" : "warning",
  });
  const code = result.outputFiles.find((file) => file.path === target);
  const map = result.outputFiles.find((file) => file.path === `${target}.map`);
  if (!code || !map) throw new Error("esbuild wrote no server bundle");
  writeFileSync(`${temporary}.map`, map.contents);
  writeFileSync(temporary, code.contents);
  renameSync(`${temporary}.map`, `${target}.map`);
  renameSync(temporary, target);
  prune(target);
  return target;
}

/**
 * Our own plain-JavaScript modules (.mjs: scripts/buildIfNeeded.mjs, server/audit/verify.mjs) stay separate files,
 * imported from the bundle by their path relative to it: they find things by their own location, run as a command
 * when they are the main script, or start worker threads from their own file — all of which a bundle would break.
 */
const keepPlainModules = {
  name: "keep-plain-modules",
  setup(build) {
    build.onResolve({ filter: /\.mjs$/ }, (args) => {
      if (!args.path.startsWith(".")) return undefined;
      const file = path.resolve(args.resolveDir, args.path);
      if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return { path: path.relative(DIR, file).split(path.sep).join("/"), external: true };
    });
  },
};

function prune(keep) {
  const bundles = readdirSync(DIR)
    .filter((name) => /^server-[0-9a-f]{16}\.mjs$/.test(name))
    .map((name) => ({ file: path.join(DIR, name), time: statSync(path.join(DIR, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { file } of bundles.slice(KEEP)) {
    if (file === keep) continue;
    rmSync(file, { force: true });
    rmSync(`${file}.map`, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const made = await ensureServerBundle({ quiet: false });
  console.log(made ? `server bundle: ${path.relative(ROOT, made)}` : "esbuild not found: the server runs through tsx");
}
