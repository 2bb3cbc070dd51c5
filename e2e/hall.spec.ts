import { mkdirSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { api, elderPhone, expectAccessible, loggedIn, WECHAT_UA } from "./helpers";

/**
 * Issue #19 in the hall: an elder's phone (360×740, 长辈版, WeChat's browser), the chair's laptop at 1366×768 and the
 * projector at 1920×1080 and 1280×720, through a vote and into the next item.
 */

async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/${name}.png` });
}

/** Wholly inside the viewport as it is now (no scrolling). */
async function expectOnScreen(locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const size = locator.page().viewportSize();
  expect(box, "element has a box").not.toBeNull();
  if (!box || !size) return;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
}

/** No element of the projector outside the viewport, no column whose content is cut off, no scrollbar. */
async function expectNothingClipped(page: Page, state: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    const describeEl = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll(".screen *")) {
      if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.left < -1 || rect.top < -1 || rect.right > width + 1 || rect.bottom > height + 1) {
        found.push(`${describeEl(el)} at ${Math.round(rect.left)},${Math.round(rect.top)}–${Math.round(rect.right)},${Math.round(rect.bottom)}`);
      }
    }
    for (const column of document.querySelectorAll(".screen > *")) {
      if (column.scrollHeight > column.clientHeight + 1 || column.scrollWidth > column.clientWidth + 1)
        found.push(`${describeEl(column)} overflows its column`);
    }
    const root = document.documentElement;
    if (root.scrollHeight > height || root.scrollWidth > width) found.push("the page scrolls");
    return found;
  });
  expect(problems, `${page.viewportSize()?.width}×${page.viewportSize()?.height} ${state}`).toEqual([]);
}

test("the hall: an elder's phone, the chair at 1366×768 and the projector at 1920×1080 and 1280×720", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await loggedIn(browser, "13800000001", { width: 1366, height: 768 });
  const orgs = (await api(admin, "GET", "/api/orgs")) as unknown as { id: string; name: string }[];
  const orgId = orgs.find((o) => o.name === "平洲村（演示）")?.id ?? "";
  const bodiesPage = await (await admin.request.get(`/admin/orgs/${orgId}/bodies`)).text();
  const bodyId = /href="\/admin\/bodies\/([^"/?#]+)"[^>]*>\s*平洲村村民代表会议\s*</.exec(bodiesPage)?.[1] ?? "";
  const { id: meetingId } = await api(admin, "POST", "/api/admin/meetings", {
    bodyId,
    number: `会场${Date.now().toString(36)}`,
    title: "村民代表会议",
    startsAt: new Date().toISOString(),
    place: "村委会礼堂",
    agenda: [{ title: "村道路灯改造方案" }, { title: "村集体鱼塘续包方案" }],
  });
  await admin.context().close();
  const livePath = `/meetings/${meetingId}/live`;

  const chair = await loggedIn(browser, "13800000002", { width: 1366, height: 768 });
  await chair.goto(livePath);
  const phone = await elderPhone(browser, "13800000004");
  await phone.goto(livePath);
  const projectors: Page[] = [];
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    const projector = await (await browser.newContext({ viewport, locale: "zh-CN" })).newPage();
    await projector.goto(`/meetings/${meetingId}/screen`);
    projectors.push(projector);
  }

  // The elder's header is the name and one menu button; the other buttons are in the menu.
  await expect(phone.getByText("会议状态")).toBeVisible();
  const header = await phone.locator("header.topbar").boundingBox();
  expect(header?.height ?? 999).toBeLessThanOrEqual(100);
  await expect(phone.getByRole("button", { name: "退出登录" })).toBeHidden();
  await phone.locator(".topbar-menu > summary").click();
  await expect(phone.getByRole("button", { name: "退出登录" })).toBeVisible();
  await expect(phone.getByRole("button", { name: /切换字号/ })).toHaveText("标准版");
  await phone.locator(".topbar-menu > summary").click();
  await expect(phone.getByRole("button", { name: "退出登录" })).toBeHidden();

  // Waiting: nothing on the projector is cut off.
  for (const projector of projectors) {
    await expect(projector.getByText("未达到法定人数")).toBeVisible();
    await expectNothingClipped(projector, "waiting");
  }
  await expectAccessible(projectors[0] as Page, "projector waiting");

  // The chair opens the meeting; the member checks in and is told so in words; the chair marks nine more.
  await expectOnScreen(chair.getByRole("button", { name: "宣布开会" }));
  await chair.getByRole("button", { name: "宣布开会" }).click();
  await phone.getByRole("button", { name: "签到", exact: true }).click();
  await expect(phone.getByRole("status").filter({ hasText: "签到成功，您已到会。" })).toBeVisible();
  for (const name of ["陈国强", "陈志明", "梁丽娟", "黄子健", "李淑芬", "何耀祖", "何嘉欣", "张月娥", "罗振东"]) {
    await chair.getByRole("button", { name: `${name} 到会` }).click();
    await expect(chair.locator(".roster li", { hasText: name }).locator(".roster-status")).toHaveText("到会");
  }
  // 到会 / 线上 / 缺席 show the current state as the pressed button.
  await expect(chair.getByRole("button", { name: "陈国强 到会" })).toHaveAttribute("aria-pressed", "true");
  await expect(chair.getByRole("button", { name: "陈国强 缺席" })).toHaveAttribute("aria-pressed", "false");
  await chair.getByRole("button", { name: "罗振东 线上" }).click();
  await expect(chair.getByRole("button", { name: "罗振东 线上" })).toHaveAttribute("aria-pressed", "true");
  await expect(chair.getByRole("button", { name: "罗振东 到会" })).toHaveAttribute("aria-pressed", "false");
  const absentee = chair
    .locator(".roster li")
    .filter({ has: chair.locator(".roster-status", { hasText: "缺席" }) })
    .first();
  await expect(absentee.getByRole("button", { name: /缺席$/ })).toHaveAttribute("aria-pressed", "true");
  await expect(absentee.getByRole("button", { name: /到会$/ })).toHaveAttribute("aria-pressed", "false");
  // The 列席 form: both inputs and the button on one line, each label above its own input.
  const nvName = await chair.getByLabel("姓名", { exact: true }).boundingBox();
  const nvAffiliation = await chair.getByLabel("单位或身份").boundingBox();
  const nvNameLabel = await chair.locator('label[for="nv-name"]').boundingBox();
  const nvButton = await chair.locator(".non-voting-form button[type=submit]").boundingBox();
  expect(Math.abs((nvName?.y ?? 0) - (nvAffiliation?.y ?? 99))).toBeLessThanOrEqual(1);
  expect(Math.abs((nvName?.y ?? 0) + (nvName?.height ?? 0) - (nvButton?.y ?? 0) - (nvButton?.height ?? 0))).toBeLessThanOrEqual(2);
  expect(Math.abs((nvNameLabel?.x ?? 0) - (nvName?.x ?? 99))).toBeLessThanOrEqual(1);

  // The next item: the button is in view; the agenda overview marks the current item.
  await chair.evaluate(() => window.scrollTo(0, 0));
  await expectOnScreen(chair.getByRole("button", { name: "下一议题" }));
  await chair.getByRole("button", { name: "下一议题" }).click();
  const agenda = chair.locator(".agenda-overview");
  await expect(agenda.locator('li[aria-current="step"]')).toContainText("1. 村道路灯改造方案（正在进行）");
  await expect(agenda.locator("li")).toHaveCount(2);

  // The vote form and its button fit the chair's screen; the vote opens.
  await chair.getByLabel("表决事项").fill("同意村道路灯改造方案");
  await chair.getByLabel("事项类别").selectOption({ label: "一般事项" });
  await expectOnScreen(chair.getByRole("button", { name: "开始表决" }));
  await shot(chair, "chair-1366-form");
  // The elder's phone was scrolled to the bottom of its page: the vote is brought into view within a second.
  await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await chair.getByRole("button", { name: "开始表决" }).click();
  await expect(chair.getByText("已投票 0 / 10")).toBeVisible();
  for (const name of ["同意", "反对", "弃权"]) await expect(phone.getByRole("button", { name, exact: true })).toBeInViewport({ ratio: 1, timeout: 1_000 });
  await shot(phone, "phone-360-elder-vote");
  await expectAccessible(phone, "elder phone, vote open");
  await expectOnScreen(chair.getByRole("button", { name: "结束表决" }));
  await shot(chair, "chair-1366-voting");
  await expectAccessible(chair, "chair console, vote open");

  // Voting: large numbers for the number needed and the votes cast; nothing cut off.
  for (const projector of projectors) {
    await expect(projector.getByText("已投票 0 / 10")).toBeVisible();
    await expectNothingClipped(projector, "voting");
  }
  const big = await projectors[0]?.locator(".count-needed dd").evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(big ?? 0).toBeGreaterThanOrEqual(96);
  await expect(projectors[0]?.locator(".count-needed dd") as Locator).toHaveText(/^\d+$/);
  await shot(projectors[0] as Page, "projector-1920-voting");
  await shot(projectors[1] as Page, "projector-1280-voting");

  // The member votes 弃权 and is told so in words.
  await phone.getByRole("button", { name: "弃权", exact: true }).click();
  await phone.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "您的票已记录：弃权" })).toBeVisible();

  // Close and announce, each from a button in view.
  await expectOnScreen(chair.getByRole("button", { name: "结束表决" }));
  await chair.getByRole("button", { name: "结束表决" }).click();
  await chair.getByRole("dialog").getByRole("button", { name: "结束表决" }).click();
  await expect(chair.getByRole("button", { name: "宣布结果" })).toBeVisible();
  await expectOnScreen(chair.getByRole("button", { name: "宣布结果" }));
  for (const projector of projectors) {
    await expect(projector.getByText("表决已结束，等待主持人宣布结果")).toBeVisible();
    await expectNothingClipped(projector, "closed");
  }
  await chair.getByRole("button", { name: "宣布结果" }).click();

  // The result: 同意 / 反对 / 弃权 and the number needed in large numbers; nothing cut off at either size.
  for (const projector of projectors) {
    await expect(projector.locator(".result-verdict")).toBeVisible();
    await expect(projector.locator(".count-abstain dd")).toHaveText("1");
    await expectNothingClipped(projector, "result");
  }
  for (const choice of ["yes", "no", "abstain", "needed"]) {
    const size = await projectors[0]?.locator(`.count-${choice} dd`).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size ?? 0).toBeGreaterThanOrEqual(96);
  }
  await shot(projectors[0] as Page, "projector-1920-result");
  await shot(projectors[1] as Page, "projector-1280-result");
  await expectAccessible(projectors[1] as Page, "projector result");

  // The next item: the last vote's words do not stay on the phone.
  await expectOnScreen(chair.getByRole("button", { name: "下一议题" }));
  await chair.getByRole("button", { name: "下一议题" }).click();
  await expect(phone.getByText("2. 村集体鱼塘续包方案")).toBeVisible();
  await expect(phone.getByText("您的票已记录：弃权")).toHaveCount(0);
  await expect(chair.locator('.agenda-overview li[aria-current="step"]')).toContainText("2. 村集体鱼塘续包方案");

  // A recusal is confirmed in words, naming the item.
  await phone.getByText("申请回避").click();
  await phone.getByLabel("回避理由").fill("本人是承包方的亲属");
  await phone.getByRole("button", { name: "确认回避" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "已登记回避：「村集体鱼塘续包方案」您不参加表决。理由：本人是承包方的亲属" })).toBeVisible();
  await shot(phone, "phone-360-elder-recused");
  await expectAccessible(phone, "elder phone, recused");
});

test("a secret ballot's tracker: kept on the voter's phone, found in the public list after the announcement and not before", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await loggedIn(browser, "13800000001", { width: 1366, height: 768 });
  const orgs = (await api(admin, "GET", "/api/orgs")) as unknown as { id: string; name: string }[];
  const orgId = orgs.find((o) => o.name === "平洲村（演示）")?.id ?? "";
  const bodiesPage = await (await admin.request.get(`/admin/orgs/${orgId}/bodies`)).text();
  const bodyId = /href="\/admin\/bodies\/([^"/?#]+)"[^>]*>\s*平洲村村民代表会议\s*</.exec(bodiesPage)?.[1] ?? "";
  const { id: meetingId } = await api(admin, "POST", "/api/admin/meetings", {
    bodyId,
    number: `编号${Date.now().toString(36)}`,
    title: "村民代表会议",
    startsAt: new Date().toISOString(),
    place: "村委会",
    agenda: [{ title: "推选村务监督委员会成员" }],
  });
  await admin.context().close();
  const livePath = `/meetings/${meetingId}/live`;
  const chair = await loggedIn(browser, "13800000002", { width: 1366, height: 768 });
  await chair.goto(livePath);
  const phone = await elderPhone(browser, "13800000004");
  await phone.goto(livePath);
  await chair.getByRole("button", { name: "宣布开会" }).click();
  await phone.getByRole("button", { name: "签到", exact: true }).click();
  for (const name of ["陈国强", "陈志明", "梁丽娟", "黄子健", "李淑芬", "何耀祖", "何嘉欣", "张月娥", "罗振东"]) {
    await chair.getByRole("button", { name: `${name} 到会` }).click();
    await expect(chair.locator(".roster li", { hasText: name }).locator(".roster-status")).toHaveText("到会");
  }
  await chair.getByRole("button", { name: "下一议题" }).click();
  await chair.getByLabel("表决事项").fill("同意推选候选人为村务监督委员会成员");
  await chair.getByLabel("表决方式").selectOption({ label: "电子无记名投票" });
  await chair.getByLabel("事项类别").selectOption({ label: "一般事项" });
  await chair.getByRole("button", { name: "开始表决" }).click();

  // The voter is shown the tracker once; it stays on this phone across a reload.
  await phone.getByRole("button", { name: "同意", exact: true }).click();
  await phone.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  const code = phone.locator(".tracker-saved .tracker-code");
  await expect(code).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const tracker = (await code.textContent()) ?? "";
  await phone.reload();
  await expect(phone.locator(".tracker-saved .tracker-code")).toHaveText(tracker);
  await expectAccessible(phone, "phone with its tracker");

  // The printable view: the tracker and its QR code, from this device only.
  await phone.getByRole("link", { name: "打印或扫码保存编号" }).click();
  await expect(phone.getByRole("heading", { name: "我的选票编号" })).toBeVisible();
  await expect(phone.locator(".tracker-mine .tracker-code")).toHaveText(tracker);
  await expect(phone.getByRole("img", { name: `扫码查找编号 ${tracker}` }).locator("svg")).toBeVisible();
  await expectAccessible(phone, "my trackers");
  await shot(phone, "phone-360-elder-tracker");

  // Before the announcement the public list holds nothing — not even after the close.
  const anyone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", userAgent: WECHAT_UA })).newPage();
  await anyone.goto(`/meetings/${meetingId}/trackers`);
  await expect(anyone.getByText("这次会议还没有已宣布结果的无记名投票。")).toBeVisible();
  await expect(anyone.getByText(tracker)).toHaveCount(0);
  await chair.getByRole("button", { name: "结束表决" }).click();
  await chair.getByRole("dialog").getByRole("button", { name: "结束表决" }).click();
  await expect(chair.getByRole("button", { name: "宣布结果" })).toBeVisible();
  await anyone.reload();
  await expect(anyone.getByText("有 1 项无记名投票的结果尚未宣布")).toBeVisible();
  await expect(anyone.getByText(tracker)).toHaveCount(0);

  // After it: the sorted list is public, and the tracker is found, with words on what that proves.
  await chair.getByRole("button", { name: "宣布结果" }).click();
  // The chair sees the result already after the close; only the announced motion links to the public list.
  await expect(chair.getByRole("link", { name: "查看公布的编号名单" })).toBeVisible();
  await anyone.reload();
  await expect(anyone.locator(".tracker-list li")).toHaveCount(1);
  await expect(anyone.getByText("找到您的编号说明：您投出的选票已经收到，并计入了下面的总票数")).toBeVisible();
  await anyone.getByLabel(/输入您的选票编号/).fill(tracker.toLowerCase().replaceAll("-", " "));
  await anyone.getByRole("button", { name: "查找" }).click();
  await expect(anyone.getByRole("status")).toHaveText(
    `找到了：编号 ${tracker} 在「同意推选候选人为村务监督委员会成员」的名单中。您的选票已计入这次表决的总票数。`,
  );
  await anyone.getByLabel(/输入您的选票编号/).fill("7K3F-9QX2-M0DA-B4TC");
  await anyone.getByRole("button", { name: "查找" }).click();
  await expect(anyone.getByRole("status")).toContainText("没有找到编号 7K3F-9QX2-M0DA-B4TC");
  await expectAccessible(anyone, "published trackers");
  await shot(anyone, "trackers-360");
  // The QR's address carries the tracker after "#": opening it looks the tracker up at once.
  await anyone.goto(`/meetings/${meetingId}/trackers#${tracker}`);
  await expect(anyone.getByRole("status")).toContainText(`找到了：编号 ${tracker}`);
  // And the minutes' vote block lists it.
  const minutes = await (await chair.request.get(`/meetings/${meetingId}/minutes`)).text();
  expect(minutes).toContain(tracker);
});
