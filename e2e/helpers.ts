/** What several browser tests share: logging in as a demo account, and the accessibility check. */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page } from "@playwright/test";

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
