/**
 * Positions in the compiled server bundle (scripts/serverBundle.mjs) mapped back to our .ts sources, read from the
 * bundle's own source map the first time a position is asked for (issue #24). `npm start` no longer turns on Node's
 * source maps for the whole process: that made Node read and parse the map of every module it loaded — Next's
 * hundreds of files included — on every start, for a few stack frames that only a command's name and a logged error
 * ever need.
 */
import { existsSync, readFileSync } from "node:fs";
import { findSourceMap, SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Only our bundles carry a map worth reading here; everything else is left as Node names it. */
const BUNDLE = /[\\/]\.next-builds[\\/]server-[0-9a-f]+\.mjs$/;

const maps = new Map<string, { map: SourceMap; dir: string } | null>();

function bundleMap(file: string): { map: SourceMap; dir: string } | null {
  const known = maps.get(file);
  if (known !== undefined) return known;
  let found: { map: SourceMap; dir: string } | null = null;
  try {
    const filePath = file.startsWith("file:") ? fileURLToPath(file) : file;
    if (BUNDLE.test(filePath) && existsSync(`${filePath}.map`)) {
      found = { map: new SourceMap(JSON.parse(readFileSync(`${filePath}.map`, "utf8"))), dir: path.dirname(filePath) };
    }
  } catch {
    // An unreadable map: positions stay the bundle's.
  }
  maps.set(file, found);
  return found;
}

/** The original file (absolute path) and 1-based line and column of a 1-based position, where a map knows it. */
export function originalPosition(file: string, line: number, column: number): { file: string; line: number; column: number } | null {
  // Under `node --enable-source-maps` (or tsx) Node already holds the map.
  const loaded = findSourceMap(file)?.findEntry(line - 1, column - 1);
  if (loaded && "originalSource" in loaded) {
    const source = loaded.originalSource.startsWith("file:") ? fileURLToPath(loaded.originalSource) : loaded.originalSource;
    return { file: source, line: loaded.originalLine + 1, column: loaded.originalColumn + 1 };
  }
  const own = bundleMap(file);
  const entry = own?.map.findEntry(line - 1, column - 1);
  if (!own || !entry || !("originalSource" in entry)) return null;
  return { file: path.resolve(own.dir, entry.originalSource), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

const FRAME = /((?:file:\/\/)?[^\s()]+\.mjs):(\d+):(\d+)/g;

/** A stack trace with the bundle's positions replaced by the sources' (left as it is where no map knows them). */
export function mapStack(stack: string): string {
  if (!stack.includes(".next-builds")) return stack;
  return stack.replace(FRAME, (whole, file: string, line: string, column: string) => {
    const original = originalPosition(file, Number(line), Number(column));
    return original ? `${original.file}:${original.line}:${original.column}` : whole;
  });
}
