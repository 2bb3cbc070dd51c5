import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { runBundleVerifier, unzipBundle } from "../server/audit/unzipBundle";

const DEMO_PASSWORD = "yishi-demo";

test("a supervisor sees the log verified, downloads the bundle, and it verifies offline", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", acceptDownloads: true });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("手机号").fill("13800000009");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);

  await page.goto("/supervise");
  await expect(page).toHaveURL(/\/supervise\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("平洲村（演示）");
  const status = page.locator("[data-status]");
  await expect(status).toHaveAttribute("data-status", "ok");
  await expect(status).toContainText("核验通过");
  await expect(page.getByRole("img", { name: /最新检查点二维码/ })).toBeVisible();

  const timeline = page.getByRole("region", { name: "日志时间线" });
  await expect(timeline.getByRole("heading", { name: /^第 \d+ 条/ }).first()).toBeVisible();
  await timeline.getByLabel("操作", { exact: true }).selectOption("org.created");
  await timeline.getByRole("button", { name: "筛选" }).click();
  await expect(timeline.getByText("符合条件的记录 1 条")).toBeVisible();
  await expect(timeline.getByRole("heading", { name: /第 0 条 创建组织/ })).toBeVisible();

  // Nothing forces a sideways scroll on a 360 px phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载审计包（.zip）" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^yishi-audit-.+\.zip$/);
  const work = mkdtempSync(path.join(tmpdir(), "yishi-e2e-bundle-"));
  try {
    const bundle = unzipBundle(new Uint8Array(readFileSync(await download.path())), work);
    const verified = runBundleVerifier(bundle);
    expect(verified.output).toContain("OK: audit log verified");
    expect(verified.code).toBe(0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  await context.close();
});

test("a member cannot open the supervisor console", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("手机号").fill("13800000004");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.goto("/supervise");
  await expect(page.locator(".alert[role=alert]")).toHaveText("只有本组织的村务监督委员会成员可以打开监督台。");
  await expect(page.getByRole("link", { name: "下载审计包（.zip）" })).toHaveCount(0);
});
