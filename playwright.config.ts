import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/** Debian's Chromium, never a downloaded browser (these machines cannot download one). */
export const CHROMIUM_PATH = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM_PATH)) {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run 'apt-get update && apt-get install -y chromium' (or set PLAYWRIGHT_CHROMIUM_PATH)`);
}

const port = Number(process.env.E2E_PORT ?? 3217);
export const BASE_URL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  // Its own folder: Playwright empties outputDir at start, and test-results/ also holds the Vitest summary.
  outputDir: "test-results/e2e-artifacts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "off",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node scripts/buildIfNeeded.mjs && node --import tsx server/index.ts",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      YISHI_DATA_DIR: process.env.E2E_DATA_DIR ?? `test-data/e2e-${Date.now()}`,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      // scripts/test.mjs passes an ordinary role with the owner for migrations; a superuser only when run by hand.
      YISHI_MIGRATE_URL: process.env.E2E_MIGRATE_URL ?? "",
      YISHI_ALLOW_SUPERUSER: process.env.E2E_MIGRATE_URL ? "0" : "1",
      REDIS_URL: process.env.REDIS_URL ?? "",
    },
  },
});
