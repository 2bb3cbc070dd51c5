/** What several browser tests share: logging in as a demo account, and the accessibility check. */
import { mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";

export const PASSWORD = "yishi-demo";

/** A fresh browser context (its own cookies), logged in through the login page as a demo account. */
export async function loggedIn(browser: Browser, phone: string, viewport = { width: 390, height: 844 }, password = PASSWORD): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  return page;
}

/** Zero serious or critical axe violations (the WCAG 2.2 AA rules). */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${what}: ${v.id} ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** WeChat's in-app browser on a cheap Android phone, as the village's members use it. */
export const WECHAT_UA =
  "Mozilla/5.0 (Linux; Android 12; V2118A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110005 MMWEBSDK/20230805 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";

/** A JSON API call as the page's logged-in account; throws with the typed error when it is refused. */
export async function api<T = Record<string, unknown> & { id?: string }>(page: Page, method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
  const response = method === "GET" ? await page.request.get(path) : await page.request.post(path, { data, headers: { accept: "application/json" } });
  const json = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!json.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.error)}`);
  return json.data;
}

/** An elder's phone: 360×740, 长辈版 on, logged in as this demo account; in WeChat unless told otherwise. */
export async function elderPhone(browser: Browser, phone: string, { wechat = true } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: "zh-CN",
    isMobile: true,
    hasTouch: true,
    ...(wechat ? { userAgent: WECHAT_UA } : {}),
  });
  const url = new URL(test.info().project.use.baseURL ?? "http://127.0.0.1");
  await context.addCookies([{ name: "yishi_elder", value: "1", domain: url.hostname, path: "/" }]);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  return page;
}

/** A screenshot for a person to look at, only when asked: E2E_SCREENSHOTS=<folder>. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/${name}.png`, fullPage });
}

/**
 * Opens a page and sums the JavaScript of its first load as README's Lighthouse table counts it: every script
 * response, each body gzipped at level 6. Returns the total in bytes and the number of scripts.
 */
export async function firstLoadJs(page: Page, path: string): Promise<{ bytes: number; scripts: number }> {
  const sizes: Promise<number>[] = [];
  const onResponse = (response: import("@playwright/test").Response) => {
    if (response.request().resourceType() === "script") sizes.push(response.body().then((body) => gzipSync(body, { level: 6 }).length));
  };
  page.on("response", onResponse);
  await page.goto(path, { waitUntil: "networkidle" });
  page.off("response", onResponse);
  const all = await Promise.all(sizes);
  return { bytes: all.reduce((sum, n) => sum + n, 0), scripts: all.length };
}
