import { expect, test } from "@playwright/test";
import { loggedIn } from "./helpers";

/** Small things every user notices: a site icon, words instead of codes for a closed matter and for roles in the log. */
const ADMIN = { phone: "13800000001", password: "yishi-demo" };
const SUPERVISOR = "13800000009";

test("every page has a site icon, and /favicon.ico is no 404", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await page.request.get(href ?? "");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/svg+xml");
  expect(missing).toEqual([]);
});

test("a withdrawn matter reads 已撤回, never 'closed 已撤回'", async ({ browser }) => {
  const page = await loggedIn(browser, ADMIN.phone, { width: 1366, height: 768 }, ADMIN.password);
  await page.goto("/admin");
  await page.getByLabel("新建经济合作社：名称").fill("平洲村第八经济合作社");
  await page.getByRole("button", { name: "新建经济合作社" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "平洲村第八经济合作社" })).toBeVisible();
  const orgUrl = new URL(page.url()).pathname;
  await page.goto(`${orgUrl}/matters`);
  await page.getByLabel("事项名称").fill("村道路灯更换");
  await page.getByLabel("事项类别").selectOption({ label: "一般事项" });
  await page.getByLabel("由谁提出").selectOption({ label: "村民提出" });
  await page.getByRole("button", { name: "登记" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "村道路灯更换" })).toBeVisible();

  const options = await page.getByLabel("调整到").locator("option").allInnerTexts();
  expect(options).toContain("已撤回");
  expect(options.filter((o) => /closed/i.test(o))).toEqual([]);
  await page.getByLabel("调整到").selectOption({ label: "已撤回" });
  await page.getByLabel("理由", { exact: true }).fill("提议人撤回");
  await page.getByLabel("我确认调整，理由属实").check();
  await page.getByRole("button", { name: "调整阶段" }).click();
  await expect(page.locator(".stage").first()).toHaveText("已撤回");
  await page.goto(`${orgUrl}/matters`);
  await expect(page.locator(".stage").first()).toHaveText("已撤回");
  await page.context().close();
});

test("the supervisor's timeline names the actor's role in words, not as a code", async ({ browser }) => {
  const admin = await loggedIn(browser, ADMIN.phone, { width: 1366, height: 768 }, ADMIN.password);
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "平洲村（演示）" }).first().click();
  // An entry by the admin that leaves the village as it was: the notice period changed and changed back.
  const days = admin.locator("#org-notice-days");
  const before = await days.inputValue();
  for (const value of [String(Number(before) + 1), before]) {
    await days.fill(value);
    await admin.getByRole("button", { name: "保存", exact: true }).click();
    await expect(days).toHaveValue(value);
  }
  await admin.context().close();

  const supervisor = await loggedIn(browser, SUPERVISOR, { width: 1366, height: 768 });
  await supervisor.goto("/supervise");
  const timeline = supervisor.getByRole("region", { name: "日志时间线" });
  await timeline.getByLabel("操作", { exact: true }).selectOption("org.updated");
  await timeline.getByRole("button", { name: "筛选" }).click();
  const entry = timeline.locator("li.entry").first();
  await expect(entry).toContainText("村务管理员（管理员）");
  await expect(timeline).not.toContainText("（admin）");
  await supervisor.context().close();
});
