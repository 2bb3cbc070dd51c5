import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, loggedIn, PASSWORD } from "./helpers";

/** 议题征集 (issue #22): a resident raises a topic from a phone and two others co-sign it; nobody signs twice. */
test.describe.configure({ mode: "serial" });

const TITLE = "村口增设公交候车亭";
const SHOTS = "test-results/e2e-artifacts/proposals";
/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function phone(browser: Browser, number: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", isMobile: true, hasTouch: true });
  const url = new URL(test.info().project.use.baseURL ?? "http://127.0.0.1");
  await context.addCookies([{ name: "yishi_elder", value: "1", domain: url.hostname, path: "/" }]);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("手机号").fill(number);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.getByRole("link", { name: "平洲村（演示） · 议题征集" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "议题征集" })).toBeVisible();
  return page;
}

const card = (page: Page) => page.locator("li.card", { has: page.getByRole("heading", { name: TITLE }) });

test("a resident raises a topic and two others co-sign it", async ({ browser }) => {
  const author = await phone(browser, "13800000006");
  await author.getByLabel("议题名称").fill(TITLE);
  await author.getByLabel("说明（可选）").fill("村民进城等车没有地方避雨。");
  // A photo of the spot, from the phone's gallery.
  await author.getByLabel("附件（可选）").setInputFiles({ name: "村口.png", mimeType: "image/png", buffer: PNG });
  await author.getByRole("button", { name: "提交议题" }).click();
  const photo = card(author).getByRole("link", { name: "村口.png" });
  await expect(photo).toBeVisible();
  const opened = await author.request.get((await photo.getAttribute("href")) ?? "");
  expect([opened.status(), opened.headers()["content-type"], opened.headers()["content-disposition"]?.startsWith("inline")]).toEqual([200, "image/png", true]);
  await expect(card(author).getByTestId("signature-count")).toHaveText("已联名 1 人");
  await expect(card(author).getByText("你已联名。")).toBeVisible();
  await author.context().close();

  for (const [number, count] of [
    ["13800000004", 2],
    ["13800000005", 3],
  ] as const) {
    const page = await phone(browser, number);
    await card(page)
      .getByRole("button", { name: `联名支持：${TITLE}` })
      .click();
    await expect(card(page).getByTestId("signature-count")).toHaveText(`已联名 ${count} 人`);
    await expect(card(page).getByText("你已联名。")).toBeVisible();
    if (count === 3) {
      // Three of the demo village's 30 adults: one tenth, so the committee must now convene a 村民会议.
      await expect(card(page).getByRole("note")).toContainText("村民委员会应当召集村民会议");
      await expectAccessible(page, "proposals board");
      await page.screenshot({ path: `${SHOTS}/cosigned-360-elder.png`, fullPage: true });
    }
    await page.context().close();
  }
});

test("the clerk is reminded to convene on the village's overview", async ({ browser }) => {
  const page = await loggedIn(browser, "13800000001", { width: 1366, height: 768 });
  await page.goto("/admin");
  await page.getByRole("link", { name: "平洲村（演示）" }).first().click();
  const reminder = page.getByRole("note").filter({ hasText: "应当召集的会议" });
  await expect(reminder).toContainText(`“${TITLE}”已联名 3 人（需 3 人）：应当召集村民会议`);
  await expectAccessible(page, "admin overview with the convening reminder");
  await page.screenshot({ path: `${SHOTS}/clerk-reminder-1366.png` });
  await page.context().close();
});

test("the clerk hands a resident without a phone account a 联名码, and they co-sign on a borrowed phone without logging in", async ({ browser }) => {
  const clerk = await loggedIn(browser, "13800000001", { width: 1366, height: 768 });
  const village = new URL(clerk.url()).origin;
  await clerk.goto("/me");
  await clerk.getByRole("link", { name: "平洲村（演示） · 议题征集" }).click();
  const topic = card(clerk);
  await topic.getByText("发放联名码（管理员）").click();
  const select = topic.getByLabel("村民");
  // The clerk has checked this resident in person (the list holds the adults who have not signed yet).
  const option = (await select.locator("option:not([disabled])").allTextContents())[0] ?? "";
  await select.selectOption({ label: option });
  await topic.getByRole("button", { name: "发放联名码" }).click();
  const slip = clerk.locator("#slip");
  await expect(slip.getByRole("heading", { name: "联名码" })).toBeVisible();
  await expect(slip).toContainText(`为议题“${TITLE}”联名`);
  const code = ((await slip.getByTestId("sign-code").textContent()) ?? "").replace(/\s/g, "");
  expect(code).toMatch(/^\d{10}$/);
  expect(clerk.url()).not.toContain(code);
  await expectAccessible(clerk, "the clerk's code slip");
  await clerk.screenshot({ path: `${SHOTS}/code-slip-1366.png` });
  const proposalsUrl = clerk.url().split("?")[0] ?? "";
  await clerk.context().close();

  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto(proposalsUrl.replace(village, ""));
  await card(phone).getByText("有联名码？没有账号也可以联名").click();
  await card(phone).getByLabel("联名码（10位数字）").fill("1234567890");
  await card(phone)
    .getByRole("button", { name: `凭联名码联名：${TITLE}` })
    .click();
  await expect(phone.getByRole("alert").filter({ hasText: "联名码不对" })).toBeVisible();
  await card(phone).getByText("有联名码？没有账号也可以联名").click();
  await card(phone)
    .getByLabel("联名码（10位数字）")
    .fill(`${code.slice(0, 4)} ${code.slice(4)}`);
  await card(phone)
    .getByRole("button", { name: `凭联名码联名：${TITLE}` })
    .click();
  await expect(phone.getByRole("status")).toContainText("已凭联名码联名");
  await expect(card(phone).getByTestId("signature-count")).toHaveText("已联名 4 人");
  await expectAccessible(phone, "proposals board after signing with a code");
  await phone.screenshot({ path: `${SHOTS}/signed-with-code-360.png`, fullPage: true });
  // The same code a second time: used up, said in words.
  await card(phone).getByText("有联名码？没有账号也可以联名").click();
  await card(phone).getByLabel("联名码（10位数字）").fill(code);
  await card(phone)
    .getByRole("button", { name: `凭联名码联名：${TITLE}` })
    .click();
  await expect(phone.getByRole("alert").filter({ hasText: "已经用过" })).toBeVisible();
  await context.close();
});
