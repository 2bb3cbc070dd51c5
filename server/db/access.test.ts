/**
 * Data access only in the parts that own data (issue #18): production code reaches the database through
 * `currentDb()` (server/db/index.ts), and only Commands, Queries, Audit, Minutes (its document store), Ops, Tools,
 * the process entry and the shared loaders in server/db call it. Nobody reads the handle off the runtime directly:
 * an import check cannot see `getRuntime().db`, so this test looks for it in the text.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** Where production code lives (tests, builders and fault drills are not production code). */
const SOURCES = ["server", "app", "prisma", "proxy.ts"];
const NOT_PRODUCTION = [/\.test\.tsx?$/, /^server\/testing\//, /^server\/faults\//, /^server\/minutes\/testClient\.ts$/];

/** The parts that own data, by folder or file. */
const OWNERS = [
  /^server\/db\//,
  /^server\/commands\//,
  /^server\/queries\//,
  /^server\/audit\//,
  /^server\/minutes\//,
  /^server\/ops\//,
  /^server\/cli\//,
  /^server\/index\.ts$/,
  // The demo seed and its helpers: an operator's tool, run through the runtime like server/cli.
  /^prisma\/[^/]+\.ts$/,
  // The notice outbox claims queued delivery rows before sending (a lease, not a decision); what was sent is
  // recorded by a command (server/commands/notify/recordDeliveryOutcome.ts).
  /^server\/notify\/outbox\.ts$/,
];

/** runCommand opens each command's transaction from the runtime it already holds for shutdown bookkeeping. */
const RUNTIME_HANDLE_ALLOWED = ["server/db/index.ts", "server/commands/run.ts"];

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    const full = path.join(ROOT, relative);
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full)) if (name !== "node_modules" && name !== "generated") walk(path.posix.join(relative, name));
    } else if (/\.(ts|tsx|mts)$/.test(relative) && !NOT_PRODUCTION.some((pattern) => pattern.test(relative))) {
      files.push(relative);
    }
  };
  for (const source of SOURCES) walk(source);
  return files;
}

describe("data access only in the parts that own data", () => {
  const files = sourceFiles();

  it("finds the production sources it checks", () => {
    expect(files).toContain("server/queries/liveMeeting.ts");
    expect(files).toContain("app/meetings/[meetingId]/live/page.tsx");
    expect(files.some((file) => file.endsWith(".test.ts"))).toBe(false);
  });

  it("nobody reads the database handle off the runtime but server/db", () => {
    const offenders = files.filter(
      (file) => !RUNTIME_HANDLE_ALLOWED.includes(file) && /getRuntime\(\)\s*\.db\b|\bruntime\.db\b/.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("only Commands, Queries, Audit, Minutes, Ops, Tools and the entry call currentDb()", () => {
    const offenders = files.filter((file) => !OWNERS.some((owner) => owner.test(file)) && /\bcurrentDb\s*\(/.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("pages, components and route handlers in app/ import neither the database nor Prisma", () => {
    const offenders = files.filter(
      (file) =>
        file.startsWith("app/") &&
        /from\s+["'](@\/server\/db\b[^"']*|@\/generated\/prisma[^"']*|@prisma\/client)["']/.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("realtime reads and writes the database only through queries and the minutes store", () => {
    const offenders = files.filter(
      (file) =>
        file.startsWith("server/realtime/") && /from\s+["'][./]*(db|generated\/prisma)(\/[^"']*)?["']/.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
