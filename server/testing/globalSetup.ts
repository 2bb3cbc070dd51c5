import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../../scripts/buildIfNeeded.mjs";
import { ensureServerBundle } from "../../scripts/serverBundle.mjs";
import { openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { TEMPLATE_ENV } from "./pgliteTemplate";
import { SERVER_BUNDLE_ENV } from "./server";

/**
 * Integration tests start the real server, which serves the production build: make sure it is current.
 * YISHI_SKIP_BUILD=1 skips this for runs of pure unit tests only. Then one migrated PGlite database is made for the
 * tests to copy (server/testing/pgliteTemplate.ts); the workers inherit its path, and it is removed at the end.
 * The servers the tests start run the server compiled ahead for these sources, as `npm start` runs it
 * (server/testing/server.ts, SERVER_BUNDLE_ENV); YISHI_TEST_SERVER_BUNDLE=tsx runs them through tsx instead.
 */
export default async function setup(): Promise<() => void> {
  if (process.env.YISHI_SKIP_BUILD !== "1") buildIfNeeded({ quiet: true });
  if (!process.env[SERVER_BUNDLE_ENV]) {
    const bundle = await ensureServerBundle({ quiet: true });
    if (bundle) process.env[SERVER_BUNDLE_ENV] = bundle;
  }
  const template = mkdtempSync(path.join(tmpdir(), "yishi-pglite-template-"));
  const db = await openDatabase({ dataDir: template });
  try {
    await migrate(db.sql);
  } finally {
    await db.close();
  }
  process.env[TEMPLATE_ENV] = template;
  return () => rmSync(template, { recursive: true, force: true });
}
