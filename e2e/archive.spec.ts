/**
 * Issue #23 item 4 in the browser: the clerk finds the archive package on the demo's finished meeting (2026年第2次),
 * reads what it holds, and its link returns a zip that `verify.mjs --archive` accepts; in WeChat the page offers the
 * link to copy instead of a download it cannot do.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, loggedIn, shot, WECHAT_UA } from "./helpers";

/** The admin page of the demo's finished meeting, found by its number. */
async function finishedMeetingPage(page: Page): Promise<string> {
  const orgs = (await (await page.request.get("/api/orgs")).json()) as { data: { id: string; name: string }[] };
  const village = orgs.data.find((o) => o.name === "平洲村（演示）");
  await page.goto(`/admin/orgs/${village?.id}/meetings`);
  await page.getByRole("link", { name: /2026年第2次/ }).click();
  await expect(page).toHaveURL(/\/admin\/meetings\/[^/?]+$/);
  return page.url();
}

test("the clerk sees the archive section of the finished meeting and its link returns a package that verifies", async ({ browser }) => {
  test.setTimeout(240_000);
  const page = await loggedIn(browser, "13800000001", { width: 1366, height: 768 });
  await finishedMeetingPage(page);
  const section = page.getByRole("region", { name: /档案包/ });
  await expect(section).toBeVisible();
  await expect(section).toContainText("PDF/A");
  await expect(section).toContainText("四性检测报告");
  await expect(section).toContainText("node audit/verify.mjs --archive");
  const link = section.getByRole("link", { name: "下载档案包（.zip）" });
  await link.scrollIntoViewIfNeeded();
  await shot(page, "archive-1366");
  await expectAccessible(page, "meeting admin page with the archive section");

  const href = (await link.getAttribute("href")) as string;
  const response = await page.request.get(href, { timeout: 180_000 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/zip");
  expect(response.headers()["content-disposition"]).toMatch(/attachment; filename="yishi-archive-meeting-.+\.zip"/);
  const work = mkdtempSync(path.join(tmpdir(), "yishi-e2e-archive-"));
  try {
    const file = path.join(work, "package.zip");
    writeFileSync(file, await response.body());
    const verified = spawnSync(process.execPath, [path.resolve("server/audit/verify.mjs"), "--archive", file], { encoding: "utf8" });
    expect(`${verified.stdout}${verified.stderr}`).toContain("OK: archive package verified");
    expect(verified.status).toBe(0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  await page.context().close();
});

test("in WeChat the archive section offers the link to copy, not a download", async ({ browser }) => {
  const admin = await loggedIn(browser, "13800000001", { width: 360, height: 740 });
  const url = await finishedMeetingPage(admin);
  const cookies = await admin.context().cookies();
  await admin.context().close();
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", userAgent: WECHAT_UA });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto(url);
  const section = page.getByRole("region", { name: /档案包/ });
  await expect(section.getByText("微信里不能下载压缩包")).toBeVisible();
  await expect(section.getByRole("link", { name: "下载档案包（.zip）" })).toHaveCount(0);
  await expect(section.getByLabel("档案包链接")).toHaveValue(/\/api\/archive\?meetingId=/);
  await section.getByLabel("档案包链接").scrollIntoViewIfNeeded();
  await shot(page, "archive-wechat-360");
  if (process.env.E2E_SCREENSHOTS) await section.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/archive-wechat-360-section.png` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, "meeting admin page in WeChat");
  await context.close();
});
