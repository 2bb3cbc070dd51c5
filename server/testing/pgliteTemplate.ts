/**
 * A migrated, empty PGlite database made once per test run (server/testing/globalSetup.ts) and copied into each test's
 * data directory: creating a PGlite cluster costs about 5 s of the two cores, copying one about 0.2 s. The copy is
 * exactly what a first start would make (the same migrations; the server still runs them, finding nothing to do, and
 * seeds the demo as on any first start).
 */
import { cpSync, existsSync } from "node:fs";
import path from "node:path";

export const TEMPLATE_ENV = "YISHI_TEST_PGLITE_TEMPLATE";

/** Puts a copy of the template into `dataDir` unless that directory already holds a database (a restart). */
export function seedPgliteDataDir(dataDir: string): void {
  const template = process.env[TEMPLATE_ENV];
  const target = path.join(dataDir, "pglite");
  if (!template || existsSync(target)) return;
  cpSync(path.join(template, "pglite"), target, { recursive: true });
}
