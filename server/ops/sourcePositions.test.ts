import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapStack, originalPosition } from "./sourcePositions";

// A bundle made the way scripts/serverBundle.mjs makes the server's (esbuild, ES module, linked map) with this
// module inside it, run by a plain `node` that has no source maps turned on — as `npm start` runs the server.
const dir = mkdtempSync(path.join(tmpdir(), "yishi-positions-"));
const source = path.join(dir, "server", "commands", "live", "castVote.ts");
const bundle = path.join(dir, ".next-builds", "server-0123456789abcdef.mjs");
type Seen = { stack: string; mapped: string; frameFile: string | null };
let seen: Seen;

beforeAll(async () => {
  mkdirSync(path.dirname(source), { recursive: true });
  const positions = path.resolve(import.meta.dirname, "sourcePositions.ts");
  writeFileSync(
    source,
    [
      `import { mapStack, originalPosition } from ${JSON.stringify(positions)};`,
      "export function castVote(): never {",
      "  throw new Error('the vote could not be written');",
      "}",
      "try {",
      "  castVote();",
      "} catch (error) {",
      "  const stack = (error as Error).stack ?? '';",
      "  const frame = /\\((file:\\/\\/[^)]+):(\\d+):(\\d+)\\)/.exec(stack.split('\\n')[1] ?? '');",
      "  const original = frame ? originalPosition(frame[1] ?? '', Number(frame[2]), Number(frame[3])) : null;",
      "  console.log(JSON.stringify({ stack, mapped: mapStack(stack), frameFile: original?.file ?? null }));",
      "}",
      "",
    ].join("\n"),
  );
  await build({ entryPoints: [source], outfile: bundle, bundle: true, platform: "node", format: "esm", sourcemap: "linked", logLevel: "error" });
  const run = spawnSync(process.execPath, [bundle], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  expect(run.status, run.stderr).toBe(0);
  seen = JSON.parse(run.stdout) as Seen;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("positions in the server bundle, without Node's source maps", () => {
  it("maps a logged error's stack back to the .ts file and line", () => {
    expect(seen.stack).toContain("server-0123456789abcdef.mjs");
    expect(seen.mapped).toContain(`${source}:3:`);
    expect(seen.mapped).not.toContain("server-0123456789abcdef.mjs");
    expect(seen.mapped.split("\n")[0]).toBe("Error: the vote could not be written");
  });

  it("gives a frame's source file, from which the metrics name the command", () => {
    expect(seen.frameFile).toBe(source);
  });

  it("leaves positions of other files alone", () => {
    const stack = "Error: x\n    at run (file:///srv/node_modules/next/dist/server.mjs:10:5)";
    expect(mapStack(stack)).toBe(stack);
    expect(originalPosition("file:///srv/node_modules/next/dist/server.mjs", 10, 5)).toBeNull();
  });
});
