/**
 * Test and e2e helper: unpacks a downloaded bundle .zip into a folder and runs its own verify.mjs with plain Node,
 * as a supervisor would after downloading it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";

/** Writes every file of the zip under `into`; returns the bundle folder (the zip's single top folder). */
export function unzipBundle(zip: Uint8Array, into: string): string {
  const files = unzipSync(zip);
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith("/")) continue;
    const target = path.resolve(into, name);
    if (!target.startsWith(path.resolve(into) + path.sep)) throw new Error(`zip entry ${name} escapes the folder`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  const tops = readdirSync(into);
  if (tops.length !== 1) throw new Error(`expected one top folder in the zip, found ${tops.join(", ")}`);
  return path.join(into, tops[0] as string);
}

/** `node <bundle>/verify.mjs [args…] <bundle>`: the exit code and everything it printed. */
export function runBundleVerifier(bundle: string, args: string[] = []): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(bundle, "verify.mjs"), ...args, bundle], { encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
