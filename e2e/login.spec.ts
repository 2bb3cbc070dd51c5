import { expect, test } from "@playwright/test";

const DEMO_PASSWORD = "yishi-demo";

test("a demo member logs in on a phone and sees their meetings", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("这是演示系统")).toBeVisible();
  await page.getByLabel("手机号").fill("13800000004");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { name: "我的会议" })).toBeVisible();
  await expect(page.getByText("黄锦华，您好")).toBeVisible();
  await expect(page.getByRole("heading", { name: "平洲村村民代表会议 · 2026年第3次" })).toBeVisible();
  await expect(page.getByText("村道硬底化工程实施方案").first()).toBeVisible();
  await context.close();
});

test("a wrong password gets a clear Chinese error and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("手机号").fill("13800000004");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.locator(".alert[role=alert]")).toHaveText("手机号或密码不正确，请再试一次。");
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/me");
  await expect(page).toHaveURL(/\/login$/);
});

test("the language switch and 长辈版 are remembered", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "切换到英文" }).click();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await page.getByRole("button", { name: /Text size/ }).click();
  await expect(page.locator("html")).toHaveClass(/elder/);
  const fontSize = await page.locator("body").evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(20);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page.locator("html")).toHaveClass(/elder/);
});

test("without JavaScript the login form still logs in, answers a wrong password in Chinese, and keeps both out of URLs", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 }, locale: "zh-CN" });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  await page.goto("/login");
  await page.getByLabel("手机号").fill("13800000004");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/login\?error=failed$/);
  await expect(page.locator(".alert[role=alert]")).toHaveText("手机号或密码不正确，请再试一次。");
  await page.getByLabel("手机号").fill("13800000004");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByLabel("密码").press("Enter");
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText("黄锦华，您好")).toBeVisible();
  expect(urls.filter((url) => url.includes(DEMO_PASSWORD) || url.includes("not-the-password") || url.includes("13800000004"))).toEqual([]);
  await context.close();
});

test("a login form posted from another site is refused", async ({ request }) => {
  const response = await request.post("/api/login", {
    form: { phone: "13800000004", password: DEMO_PASSWORD },
    headers: { origin: "https://evil.example" },
    maxRedirects: 0,
  });
  // Refused at the server's door with every other cross-origin write (server/web/requestGate.ts), before the login runs.
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ ok: false, error: { code: "forbidden", details: { reason: "cross_origin" } } });
  expect(response.headers()["set-cookie"] ?? "").not.toContain("session-token");
});
