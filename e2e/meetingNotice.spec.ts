import { expect, type Page, test } from "@playwright/test";
import { elderPhone, expectAccessible, loggedIn } from "./helpers";

/**
 * Before the meeting (issue #22): the clerk schedules a 村民代表会议 and issues the notice; three members sign for it
 * on their phones (360×740, 长辈版) and one asks for leave; the chair sees the delivery count and the quorum forecast.
 */
test.describe.configure({ mode: "serial" });

const NUMBER = "2031年第9次";
const SHOTS = "test-results/e2e-artifacts/meeting-notice";
let meetingId = "";

const myCard = (page: Page) => page.locator("li.card", { has: page.getByRole("heading", { name: new RegExp(NUMBER) }) });

test("the clerk schedules a meeting and issues its notice in the app", async ({ browser }) => {
  const page = await loggedIn(browser, "13800000001", { width: 1366, height: 768 });
  await page.goto("/admin");
  await page.getByRole("link", { name: "平洲村（演示）" }).first().click();
  await page.getByRole("link", { name: "会议", exact: true }).click();
  const startsAt = new Date(Date.now() + 15 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  await page.getByLabel("议事机构").selectOption({ label: "平洲村村民代表会议" });
  await page.getByLabel("会次").fill(NUMBER);
  await page.getByLabel("会议名称").fill("村民代表会议");
  await page.getByLabel("开会时间（北京时间）").fill(`${startsAt}T09:30`);
  await page.getByLabel("地点", { exact: true }).fill("村委会二楼会议室");
  await page.getByLabel("第 1 项").fill("村道路灯安装方案");
  await page.getByRole("button", { name: "安排会议" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(NUMBER) })).toBeVisible();
  meetingId = new URL(page.url()).pathname.split("/").pop() ?? "";

  const section = page.locator("section", { has: page.getByRole("heading", { name: "会议通知与签收" }) });
  await expect(section.getByTestId("delivery-summary")).toHaveText("已通知 0/15，已签收 0，请假 0");
  // Nothing chosen: refused in words, nothing sent.
  await section.getByLabel("应用内（我的会议）").uncheck();
  await section.getByRole("button", { name: "发出通知" }).click();
  await expect(page.locator("main [role=alert]")).toContainText("通知方式");
  await expect(section.getByTestId("delivery-summary")).toHaveText("已通知 0/15，已签收 0，请假 0");
  await section.getByLabel("应用内（我的会议）").check();
  await section.getByRole("button", { name: "发出通知" }).click();
  await expect(section.getByTestId("delivery-summary")).toHaveText(/^已通知 15\/15（最早 \d+月\d+日），已签收 0，请假 0$/);
  await expect(section.getByRole("link", { name: "打印签收单（PDF）" })).toBeVisible();
  const pdf = await page.request.get(`/meetings/${meetingId}/notice/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline/);
  const sheet = await page.request.get(`/meetings/${meetingId}/notice/receipts`);
  expect(sheet.headers()["content-type"]).toBe("application/pdf");
  await expectAccessible(page, "admin meeting with notice section");
  await page.screenshot({ path: `${SHOTS}/clerk-1366.png`, fullPage: true });
  await page.context().close();
});

test("three members sign for it on their phones and one asks for leave", async ({ browser }) => {
  for (const [phone, name] of [
    ["13800000004", "huang"],
    ["13800000005", "li"],
    ["13800000006", "he"],
  ] as const) {
    const page = await elderPhone(browser, phone, { wechat: false });
    const card = myCard(page);
    await card.getByRole("button", { name: "签收通知" }).click();
    await expect(myCard(page).getByText(/^已签收（/)).toBeVisible();
    if (name === "huang") {
      await expectAccessible(page, "my meetings with a signed notice");
      await page.screenshot({ path: `${SHOTS}/member-360-elder.png`, fullPage: true });
    }
    await page.context().close();
  }
  const recorder = await elderPhone(browser, "13800000003", { wechat: false });
  const card = myCard(recorder);
  await card.getByText("不能参加？").click();
  // No reason: the browser asks for one; the server would refuse it too.
  await card.getByLabel("请假理由").fill("外出务工，无法赶回");
  await card.getByRole("button", { name: "请假", exact: true }).click();
  await expect(myCard(recorder).getByText("你已告知：请假")).toBeVisible();
  await recorder.screenshot({ path: `${SHOTS}/leave-360-elder.png`, fullPage: true });
  await recorder.context().close();
});

test("the chair sees who was notified and the quorum forecast", async ({ browser }) => {
  const page = await loggedIn(browser, "13800000002", { width: 1366, height: 768 });
  await page.goto(`/meetings/${meetingId}`);
  const board = page.locator("section", { has: page.getByRole("heading", { name: "会前情况" }) });
  await expect(board.getByTestId("delivery-summary")).toHaveText(/^已通知 15\/15（最早 \d+月\d+日），已签收 3，请假 1$/);
  await expect(board.getByTestId("forecast")).toContainText("预计到会 14/15：可以达到法定人数（需 10 人）");
  await expect(board.getByRole("row", { name: /梁丽娟/ })).toContainText("请假：外出务工，无法赶回");
  await expectAccessible(page, "meeting page with the forecast");
  await page.screenshot({ path: `${SHOTS}/chair-1366.png`, fullPage: true });
  // The public notice: no login needed for a public meeting.
  const anonymous = await browser.newContext({ locale: "zh-CN", viewport: { width: 360, height: 740 } });
  const notice = await anonymous.newPage();
  await notice.goto(`/meetings/${meetingId}/notice`);
  await expect(notice.getByRole("heading", { level: 1, name: "会议通知" })).toBeVisible();
  await expect(notice.getByText("村道路灯安装方案")).toBeVisible();
  await expect(notice.getByText(/表决规则：/)).toBeVisible();
  await expectAccessible(notice, "public meeting notice");
  await notice.screenshot({ path: `${SHOTS}/public-notice-360.png`, fullPage: true });
  await anonymous.close();
  await page.context().close();
});
