import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, firstLoadJs, loggedIn } from "./helpers";

/**
 * The observer's first-load JavaScript, gzipped: issue #11 set 150 kB (149.9 then); the rule box every screen must
 * show before a vote (issue #16) added ≈ 0.6 kB, so the guard is 151 kB until that is won back (README says so).
 */
const OBSERVER_JS_BUDGET_KB = 151;

const loggedInPhone = (browser: Browser, phone: string, viewport = { width: 360, height: 640 }) => loggedIn(browser, phone, viewport);

async function enterMeeting(page: Page, number: string) {
  await page.locator("li.card", { hasText: number }).getByRole("link", { name: "进入会议" }).click();
  await expect(page.getByText("会议状态")).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test("UX: accessible pages, 长辈版 sizes, reflow at 320 px, the projector, and locale negotiation", async ({ browser }) => {
  test.setTimeout(180_000);
  const login = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await login.goto("/login");
  await expectAccessible(login, "login");

  // A vote on the demo's second upcoming meeting (2026年第4次), run from the chair's laptop.
  const chair = await loggedInPhone(browser, "13800000002", { width: 1366, height: 900 });
  await expectAccessible(chair, "my meetings");
  await enterMeeting(chair, "2026年第4次");
  await chair.getByRole("button", { name: "宣布开会" }).click();
  for (const name of ["陈国强", "陈志明", "梁丽娟", "黄锦华", "黄子健", "李淑芬", "何耀祖", "何嘉欣", "张月娥", "罗振东"]) {
    await chair.getByRole("button", { name: `${name} 到会` }).click();
    await expect(chair.locator(".roster li", { hasText: name }).locator(".roster-status")).toHaveText("到会");
  }
  await chair.getByRole("button", { name: "下一议题" }).click();
  await chair.getByLabel("表决事项").fill("同意村容村貌整治经费使用方案");
  await chair.getByLabel("事项类别").selectOption({ label: "一般事项" });
  await chair.getByRole("button", { name: "开始表决" }).click();
  await expect(chair.getByText("已投票 0 / 10")).toBeVisible();
  await expectAccessible(chair, "chair console");

  // The member's vote page on a 360×640 phone, in 长辈版.
  const member = await loggedInPhone(browser, "13800000004");
  await enterMeeting(member, "2026年第4次");
  await member.getByRole("button", { name: /长辈版/ }).click();
  await expect(member.locator("html")).toHaveClass(/elder/);
  await expect(member.getByRole("button", { name: "同意", exact: true })).toBeVisible();
  await expectAccessible(member, "vote page");
  const bodyFont = await member.locator("body").evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(bodyFont).toBeGreaterThanOrEqual(20);
  const lineHeight = await member
    .locator("body")
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight) / Number.parseFloat(getComputedStyle(el).fontSize));
  expect(lineHeight).toBeGreaterThanOrEqual(1.3);
  for (const name of ["同意", "反对", "弃权"]) {
    const box = await member.getByRole("button", { name, exact: true }).boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(60);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(60);
  }
  // Choices carry text and an icon, never colour alone.
  await expect(member.getByRole("button", { name: "同意", exact: true }).locator(".choice-icon")).toHaveText("✔");
  // The confirmation's close button is at least 44×44 and at the top right.
  await member.getByRole("button", { name: "同意", exact: true }).click();
  const dialog = member.getByRole("dialog");
  const close = await dialog.getByRole("button", { name: "关闭" }).boundingBox();
  const dialogBox = await dialog.boundingBox();
  expect(close?.width ?? 0).toBeGreaterThanOrEqual(44);
  expect(close?.height ?? 0).toBeGreaterThanOrEqual(44);
  expect((close?.x ?? 0) + (close?.width ?? 0)).toBeGreaterThan((dialogBox?.x ?? 0) + (dialogBox?.width ?? 0) - 30);
  expect((close?.y ?? 0) - (dialogBox?.y ?? 0)).toBeLessThan(30);
  await dialog.getByRole("button", { name: "关闭" }).click();

  // Text at 200 % on a 320 px wide screen: no horizontal scrolling.
  await member.setViewportSize({ width: 320, height: 640 });
  await member.evaluate(() => {
    document.documentElement.style.fontSize = "200%";
  });
  const overflow = await member.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The observer's page, reached from the short join link without a login.
  const joinHref = (await chair.getByRole("link", { name: "旁听链接" }).getAttribute("href")) ?? "";
  expect(`http://192.168.100.100:3000${joinHref}`.length).toBeLessThanOrEqual(40);
  const observer = await (await browser.newContext({ viewport: { width: 360, height: 640 }, locale: "zh-CN" })).newPage();
  // A resident's phone on a village's mobile data: the page's first-load JavaScript stays within README's budget
  // (bench:lighthouse counts it the same way; Zod once slipped in through the shared live protocol, +30 kB).
  const js = await firstLoadJs(observer, joinHref);
  console.log(`observer first-load JS: ${(js.bytes / 1024).toFixed(1)} kB gzip in ${js.scripts} scripts`);
  expect(js.bytes).toBeLessThanOrEqual(OBSERVER_JS_BUDGET_KB * 1024);
  await expect(observer.getByText("已投票 0 / 10")).toBeVisible();
  await expectAccessible(observer, "observer");

  // The projector at 1920×1080: large text, a clock, the QR code, no scrollbars, no result before it is announced.
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN" })).newPage();
  await projector.goto(`${new URL(observer.url()).pathname.replace(/\/live$/, "")}/screen`);
  await expect(projector.getByText("已投票 0 / 10")).toBeVisible();
  await expect(projector.locator(".screen-clock")).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
  await expect(projector.locator(".screen-qr svg")).toBeVisible();
  const screenFont = await projector.locator(".current-item").evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(screenFont).toBeGreaterThanOrEqual(48);
  const scroll = await projector.evaluate(() => ({
    x: document.documentElement.scrollWidth > window.innerWidth,
    y: document.documentElement.scrollHeight > window.innerHeight,
  }));
  expect(scroll).toEqual({ x: false, y: false });
  await expectAccessible(projector, "projector");
  await chair.getByRole("button", { name: "结束表决" }).click();
  await chair.getByRole("dialog").getByRole("button", { name: "结束表决" }).click();
  await expect(chair.locator(".result-verdict")).toBeVisible();
  await expect(projector.getByText("表决已结束，等待主持人宣布结果")).toBeVisible();
  await expect(projector.locator(".result-verdict")).toHaveCount(0);
  await chair.getByRole("button", { name: "宣布结果" }).click();
  await expect(projector.locator(".result-verdict")).toBeVisible();

  // The rules page (议事规则), public.
  const rulesPage = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  const orgs = await (await chair.request.get("/api/orgs")).json();
  await rulesPage.goto(`/orgs/${orgs.data[0].id}/rules`);
  await expect(rulesPage.getByRole("heading", { name: /议事规则/ })).toBeVisible();
  await expectAccessible(rulesPage, "rules");
});

test("locale: NEXT_LOCALE cookie first, else Accept-Language, else Chinese", async ({ browser }) => {
  const english = await (await browser.newContext({ locale: "en-US" })).newPage();
  await english.goto("/login");
  await expect(english.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(english.locator("html")).toHaveAttribute("lang", "en");

  const cookieWins = await browser.newContext({ locale: "en-US" });
  await cookieWins.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: "http://127.0.0.1:3217" }]);
  const chinese = await cookieWins.newPage();
  await chinese.goto("/login");
  await expect(chinese.getByRole("heading", { name: "登录" })).toBeVisible();

  const other = await (await browser.newContext({ locale: "fr-FR" })).newPage();
  await other.goto("/login");
  await expect(other.getByRole("heading", { name: "登录" })).toBeVisible();
});

test("a paper ballot: the counter enters the totals on a phone, the scrutineer confirms, the chair sees both and closes", async ({ browser }) => {
  const chair = await loggedInPhone(browser, "13800000002", { width: 1366, height: 900 });
  await enterMeeting(chair, "2026年第4次");
  await chair.getByLabel("表决事项").fill("同意村道路灯改造方案（纸质选票）");
  await chair.getByLabel("表决方式").selectOption({ label: "纸质选票" });
  await chair.getByLabel("计票人").selectOption({ label: "黄锦华" });
  await chair.getByLabel("监票人").selectOption({ label: "李淑芬" });
  await chair.getByLabel("事项类别").selectOption({ label: "一般事项" });
  await chair.getByRole("button", { name: "开始表决" }).click();
  await expect(chair.getByText("等待计票人录入票数")).toBeVisible();

  // The counter's phone shows the totals form (and nobody else's does); the totals are saved with a confirmation.
  const counter = await loggedInPhone(browser, "13800000004");
  await enterMeeting(counter, "2026年第4次");
  await expect(counter.getByRole("heading", { name: "录入票数" })).toBeVisible();
  await expectAccessible(counter, "paper counter's phone");
  await counter.getByLabel("同意", { exact: true }).fill("8");
  await counter.getByLabel("反对", { exact: true }).fill("1");
  await counter.getByLabel("弃权", { exact: true }).fill("1");
  await counter.getByRole("button", { name: "保存票数" }).click();
  await expect(counter.getByRole("status").filter({ hasText: "票数已保存：同意 8，反对 1，弃权 1" })).toBeVisible();
  await expect(chair.getByText("计票人已录入：同意 8，反对 1，弃权 1 · 等待监票人确认")).toBeVisible();

  const scrutineer = await loggedInPhone(browser, "13800000005");
  await enterMeeting(scrutineer, "2026年第4次");
  await expect(scrutineer.getByRole("heading", { name: "录入票数" })).toHaveCount(0);
  await scrutineer.getByRole("button", { name: "监票人确认票数" }).click();
  await expect(scrutineer.getByText("您已确认票数。")).toBeVisible();
  await expect(chair.getByText("计票人已录入：同意 8，反对 1，弃权 1 · 监票人已确认")).toBeVisible();

  await chair.getByRole("button", { name: "结束表决" }).click();
  await chair.getByRole("dialog").getByRole("button", { name: "结束表决" }).click();
  await expect(chair.locator(".result-verdict")).toBeVisible();
  await expect(chair.getByText("同意8票，反对1票，弃权1票")).toBeVisible();
  await chair.getByRole("button", { name: "宣布结果" }).click();
  await expect(counter.getByText("同意8票，反对1票，弃权1票").first()).toBeVisible();
});

test("the live page's controls stay disabled until their script can act, so an early tap is never silently lost", async ({ browser }) => {
  const chair = await loggedInPhone(browser, "13800000002", { width: 1366, height: 900 });
  const href = (await chair.locator("li.card", { hasText: "2026年第4次" }).getByRole("link", { name: "进入会议" }).getAttribute("href")) ?? "";
  // Hold the page's scripts, as a slow phone network would.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await chair.route("**/_next/static/chunks/**/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await chair.goto(href, { waitUntil: "commit" });
  const toolbar = chair.getByRole("toolbar", { name: "主持人控制台" });
  await expect(chair.getByText("会议状态")).toBeVisible();
  const firstButton = toolbar.getByRole("button").first();
  await expect(firstButton).toBeVisible();
  await expect(firstButton).toBeDisabled();
  release();
  await expect(firstButton).toBeEnabled();
});
