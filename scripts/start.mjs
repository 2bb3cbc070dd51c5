// `npm start`: builds the web app when its sources changed (scripts/buildIfNeeded.mjs), then runs the custom server
// compiled ahead of time for exactly these sources (scripts/serverBundle.mjs) — or, when it cannot be compiled, the
// TypeScript sources through tsx. In development (NODE_ENV=development) nothing is built: tsx runs the sources.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildIfNeeded } from "./buildIfNeeded.mjs";
import { ensureServerBundle } from "./serverBundle.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.env.NODE_ENV === "development";

if (!dev && process.env.YISHI_SKIP_BUILD !== "1") buildIfNeeded();
const bundle = dev ? null : await ensureServerBundle();
if (bundle) {
  // No process-wide source maps: the few positions that need our .ts names (a command's name, a logged error's stack)
  // are mapped through the bundle's own map when asked for (server/ops/sourcePositions.ts).
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.join(ROOT, "server/index.ts")).href);
}
