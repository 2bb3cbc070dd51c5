import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectAccessible, loggedIn } from "./helpers";

/** Whether an element's computed text colour is orange: hue 10°–45°, clearly saturated, not near-black. */
async function isOrange(element: Locator): Promise<boolean> {
  const colour = await element.evaluate((el) => getComputedStyle(el).color);
  const [r = 0, g = 0, b = 0] = (colour.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max !== r || max - min < 80) return false;
  const hue = (60 * (g - b)) / (max - min);
  return hue >= 10 && hue <= 45;
}

async function vote(page: Page, choice: "同意" | "反对" | "弃权") {
  await page.getByRole("button", { name: choice, exact: true }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
}

test("a whole meeting: check-in, quorum, floor, recusal, votes (also without JavaScript), reconnect and results on every screen", async ({ browser }) => {
  test.setTimeout(180_000);
  const chair = await loggedIn(browser, "13800000002", { width: 1366, height: 900 });
  // The demo village's next meeting (other specs add meetings of their own for the same chair).
  await chair.locator("li.card", { hasText: "2026年第3次" }).getByRole("link", { name: "进入会议" }).click();
  await expect(chair.getByRole("heading", { name: "签到名单" })).toBeVisible();
  const liveUrl = chair.url();
  const meetingPath = new URL(liveUrl).pathname;

  const members: Page[] = [];
  for (const phone of ["13800000004", "13800000005", "13800000006"]) {
    const page = await loggedIn(browser, phone);
    await page.goto(meetingPath);
    members.push(page);
  }
  const [huang, li, he] = members as [Page, Page, Page];

  const observerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const observer = await observerContext.newPage();
  const joinHref = await chair.getByRole("link", { name: "旁听链接" }).getAttribute("href");
  expect(joinHref).toMatch(/^\/j\/[0-9a-z]{8}$/);
  await observer.goto(joinHref ?? "");
  await expect(observer).toHaveURL(new RegExp(meetingPath));
  await expect(observer.locator(".quorum")).toBeVisible();
  await expectAccessible(observer, "join link");
  // A mistyped code (read off the projector by hand) gets a page that says so, accessible too.
  const mistyped = await observerContext.newPage();
  expect((await mistyped.goto("/j/zzzzzzzz"))?.status()).toBe(404);
  await expectAccessible(mistyped, "join link, unknown code");
  await mistyped.close();
  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN" });
  const projector = await projectorContext.newPage();
  await projector.goto(`${meetingPath.replace(/\/live$/, "")}/screen`);
  await expect(projector.locator(".screen-qr svg")).toBeVisible();

  // 1. Check-in until the quorum panel turns green (10 of 15: two thirds, VCOL 26).
  await chair.getByRole("button", { name: "宣布开会" }).click();
  for (const member of members) {
    await member.getByRole("button", { name: "签到", exact: true }).click();
    await expect(member.getByText("已签到")).toBeVisible();
  }
  for (const name of ["陈国强", "陈志明", "梁丽娟", "黄子健", "何嘉欣", "张月娥", "罗振东"]) {
    await chair.getByRole("button", { name: `${name} 到会` }).click();
    await expect(chair.locator(".roster li", { hasText: name }).locator(".roster-status")).toHaveText("到会");
  }
  for (const page of [chair, observer, projector, huang]) await expect(page.getByText("达到法定人数")).toBeVisible();

  // 2. An item starts; a member asks for the floor and is given it.
  await chair.getByRole("button", { name: "下一议题" }).click();
  await expect(observer.getByText("1. 村道硬底化工程实施方案")).toBeVisible();
  await huang.getByRole("button", { name: "申请发言" }).click();
  await expect(chair.locator(".panel", { hasText: "申请发言的人" }).getByText("黄锦华")).toBeVisible();
  // A second projector whose Date is held still (its timers still run), so that the speech's clock can be moved on
  // without waiting: the countdown is the server's grant time plus how far this device's clock moved since the state
  // arrived. The chair grants the default 180 s.
  // Its own context: the clock is faked context-wide.
  const start = Date.now();
  const countdownScreen = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN" })).newPage();
  await countdownScreen.clock.setFixedTime(start);
  await countdownScreen.goto(`${meetingPath.replace(/\/live$/, "")}/screen`);
  await expect(countdownScreen.getByText("1. 村道硬底化工程实施方案")).toBeVisible();
  await chair.getByRole("button", { name: "给予发言" }).click();
  await expect(projector.getByText("正在发言：黄锦华")).toBeVisible();
  const speaking = countdownScreen.locator(".speaking");
  await expect(speaking).toContainText(/正在发言：黄锦华.*(3:00|2:59)/);
  await expect(speaking).not.toHaveClass(/ending/);
  expect(await isOrange(speaking)).toBe(false);
  // 35 s left: still the normal colour.
  await countdownScreen.clock.setFixedTime(start + 145_000);
  await expect(speaking).toContainText(/0:3[45]/);
  await expect(speaking).not.toHaveClass(/ending/);
  expect(await isOrange(speaking)).toBe(false);
  // The last 30 s: orange.
  await countdownScreen.clock.setFixedTime(start + 155_000);
  await expect(speaking).toContainText(/0:2[45]/);
  await expect(speaking).toHaveClass(/ending/);
  expect(await isOrange(speaking)).toBe(true);
  await countdownScreen.context().close();
  await chair.getByRole("button", { name: "结束发言" }).click();

  // 3. One member declares a recusal and cannot vote.
  await he.getByText("申请回避").click();
  await he.getByLabel("回避理由").fill("本人是施工方亲属");
  await he.getByRole("button", { name: "确认回避" }).click();
  await expect(he.getByText("申请回避")).toBeHidden();

  // 4. A named vote.
  await chair.getByLabel("表决事项").fill("同意村道硬底化工程实施方案");
  await chair.getByLabel("事项类别").selectOption({ label: "一般事项" });
  await chair.getByRole("button", { name: "开始表决" }).click();
  await expect(he.getByText("您已申请回避本议题，不参加本项表决")).toBeVisible();
  await expect(he.getByRole("button", { name: "同意", exact: true })).toHaveCount(0);
  await vote(huang, "同意");
  await expect(huang.getByText("您的票已记录：同意")).toBeVisible();
  // The same vote from a phone whose JavaScript did not load: the server-rendered plain form.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await li.context().storageState(),
    viewport: { width: 360, height: 640 },
    locale: "zh-CN",
  });
  const plain = await noScript.newPage();
  await plain.goto(meetingPath);
  // The rule that decides is on the plain page too, before the vote (issue #16).
  await expect(plain.locator(".no-js-fallback").getByText(/需同意 \d+ 票/)).toBeVisible();
  await plain.getByRole("button", { name: "同意", exact: true }).click();
  await expect(plain.getByText("您的票已记录：同意")).toBeVisible();
  await noScript.close();
  await expect(chair.getByText("已投票 2 / 9")).toBeVisible();

  // 5. A phone goes offline and comes back: the banner shows, then it resyncs without a reload.
  await li.context().setOffline(true);
  await expect(li.getByText("已断开，正在重连")).toBeVisible({ timeout: 2_000 });
  await vote(chair, "同意");
  await li.context().setOffline(false);
  await expect(li.getByText("已断开，正在重连")).toBeHidden({ timeout: 15_000 });
  await expect(li.getByText("已投票 3 / 9")).toBeVisible();

  // 6. A member changes a named vote before close; the tally follows. After close, a change is refused.
  await vote(huang, "反对");
  await expect(huang.getByText("您的票已记录：反对")).toBeVisible();
  await huang.getByRole("button", { name: "弃权", exact: true }).first().click();
  await chair.getByRole("button", { name: "结束表决" }).click();
  await chair.getByRole("dialog").getByRole("button", { name: "结束表决" }).click();
  await expect(chair.getByText("同意2票，反对1票，弃权0票")).toBeVisible();
  await huang.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  await expect(huang.getByText("表决已经结束，不能再投票或改票。")).toBeVisible();
  await expect(observer.getByText("表决已结束，等待主持人宣布结果")).toBeVisible();

  await chair.getByRole("button", { name: "宣布结果" }).click();
  for (const page of [observer, projector, huang, li, he]) {
    await expect(page.locator(".result-verdict")).toContainText("未通过", { timeout: 1_000 });
  }

  // The same meeting also holds a ⅔-of-all vote (land contracted to outsiders, RLCL 52) that fails by one.
  await chair.getByLabel("表决事项").fill("鱼塘发包给本村以外的承包人");
  await chair.getByLabel("表决方式").selectOption({ label: "举手表决（记名）" });
  await chair.getByLabel("事项类别").selectOption({ label: "土地发包给本集体以外的单位或个人" });
  await chair.getByRole("button", { name: "开始表决" }).click();
  const rows = chair.locator(".hands-row").filter({ hasNotText: "何耀祖" });
  await expect(rows).toHaveCount(9);
  for (let i = 0; i < 9; i += 1) await rows.nth(i).getByLabel("同意").check();
  await chair.getByRole("button", { name: "保存举手记录" }).click();
  await expect(chair.getByText("已投票 9 / 9")).toBeVisible();
  await chair.getByRole("button", { name: "结束表决" }).click();
  await chair.getByRole("dialog").getByRole("button", { name: "结束表决" }).click();
  await chair.getByRole("button", { name: "宣布结果" }).click();

  // 7. The observer, not logged in, sees the result with its legal basis.
  await expect(observer.locator(".result-verdict")).toContainText("未通过");
  await expect(observer.getByText("同意9票，反对0票，弃权0票", { exact: true })).toBeVisible();
  await expect(observer.locator(".motion")).toContainText("农村土地承包法");
  await expect(observer.locator("body")).not.toContainText("1380000");
});
