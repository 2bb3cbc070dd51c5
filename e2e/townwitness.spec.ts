/**
 * The township's own witness (issue #21 item 3) end to end, on a server of this spec's own (its data directory is
 * tampered with between two runs, which PGlite allows only while no server holds it): the demo's village checkpoints
 * are witnessed by 大沥镇（演示） with no YISHI_WITNESSES; then the village's log is rewritten and re-signed in the
 * database (e2e/tamperVillage.ts); after a restart the township admin sees the witness's key and a red split-view
 * alert for the village with both checkpoints, and its evidence page. Phone and laptop widths, axe-clean.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, PASSWORD } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3217) + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join("test-results", "townwitness");
const VILLAGE = "平洲村（演示）";
const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-townwitness-"));
let server: ChildProcess | null = null;

test.describe.configure({ timeout: 1_200_000 });

async function start(): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      YISHI_DATA_DIR: dataDir,
      DATABASE_URL: "",
      YISHI_MIGRATE_URL: "",
      REDIS_URL: "",
      YISHI_WITNESSES: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("YISHI_LISTENING")) resolve();
    });
    let errors = "";
    child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${errors.slice(-2000)}`)));
  });
}

async function stop(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

async function login(browser: Browser, phone: string, viewport = { width: 390, height: 844 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE, viewport, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  // The first login right after this spec's own start: Next loads the login route's modules on their first request
  // (they are no longer all loaded at start, issue #24), which on a loaded CI machine took longer than 10 s once.
  await expect(page).toHaveURL(/\/me$/, { timeout: 60_000 });
  return page;
}

test.afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("the township's witness cosigns the demo villages, and a rewritten village log is a red alert with its evidence", async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  await start();
  // The village supervisor's console: the demo's checkpoints are witnessed by the township, with no YISHI_WITNESSES.
  const supervisor = await login(browser, "13800000009", { width: 1366, height: 768 });
  const orgs = (await (await supervisor.request.get("/api/orgs")).json()) as { data: { id: string; name: string }[] };
  const village = orgs.data.find((o) => o.name === VILLAGE)!;
  expect(village).toBeDefined();
  await expect(async () => {
    await supervisor.goto(`/supervise/${village.id}`);
    await expect(supervisor.locator("[data-witnessed=yes]").first()).toContainText("已由 大沥镇（演示） 见证", { timeout: 2_000 });
  }).toPass({ timeout: 300_000 });
  await expect(supervisor.locator("[data-township-witness-vkey]")).toContainText("/township/");
  await supervisor.screenshot({ path: `${SHOTS}/townwitness-console-1366.png`, fullPage: true });
  await supervisor.context().close();
  await stop();

  // The operator rewrites the village's log and signs the new tree with the server's own key.
  const tampered = spawnSync(process.execPath, ["--import", "tsx", "e2e/tamperVillage.ts", dataDir, VILLAGE], { encoding: "utf8", timeout: 300_000 });
  expect(tampered.stdout, tampered.stderr).toMatch(/^TAMPERED /m);

  await start();
  const admin = await login(browser, "13800000040");
  const towns = (await (await admin.request.get("/api/orgs")).json()) as { data: { id: string; name: string }[] };
  const township = towns.data.find((o) => o.name === "大沥镇（演示）")!;
  const alert = admin.locator("[data-code=witness_split_view]").filter({ hasText: VILLAGE });
  await expect(async () => {
    await admin.goto(`/township/${township.id}`);
    await expect(alert).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 300_000 });
  await expect(alert).toHaveClass(/alert-red/);
  await expect(alert).toContainText("镇街见证（大沥镇（演示））拒绝了本组织审计日志的新检查点");
  await expect(alert).toContainText(/已见证：前 \d+ 条，根哈希 \S+/);
  await expect(alert).toContainText(/新提交：前 \d+ 条，根哈希 \S+/);
  await expect(alert).toContainText("一致性证明");
  await expect(alert).toContainText("见证人对同一条数只认一个根哈希");
  await expect(admin.locator(`tr[data-village="${VILLAGE}"]`)).toHaveAttribute("data-level", "red");
  await expect(admin.locator("[data-township-witness-vkey]")).toContainText("/township/");
  await expectAccessible(admin, "township page with a split view (phone)");
  await admin.screenshot({ path: `${SHOTS}/townwitness-township-390.png`, fullPage: true });

  await alert.getByRole("link", { name: /见证拒绝的证据/ }).click();
  await expect(admin).toHaveURL(new RegExp(`/orgs/${village.id}/witness$`));
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`${VILLAGE}：镇街见证的证据`);
  const evidence = admin.locator("[data-split-view]").first();
  await expect(evidence).toContainText("见证人已联署的检查点");
  await expect(evidence).toContainText("后来提交的检查点");
  await expect(evidence).toContainText(/从第 \d+ 条到第 \d+ 条的一致性证明（\d+ 个哈希）不成立/);
  const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(admin, "witness evidence (phone)");
  await admin.screenshot({ path: `${SHOTS}/townwitness-evidence-390.png`, fullPage: true });
  await admin.setViewportSize({ width: 1366, height: 768 });
  await admin.screenshot({ path: `${SHOTS}/townwitness-evidence-1366.png`, fullPage: true });
  await admin.context().close();
});
