import { type Browser, expect, type Page, test } from "@playwright/test";
import { loggedIn } from "./helpers";

/**
 * A village clerk sets up a cooperative from nothing: roster import, a 成员代表大会, QR logins for its members, a
 * matter, a meeting with materials; then a member sees it on their phone. One story, in order.
 */
test.describe.configure({ mode: "serial" });

const ADMIN = { phone: "13800000001", password: "yishi-demo" };
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

function rosterCsv(): string {
  const given = ["建国", "秀兰", "国华", "桂英", "志强", "丽萍", "德明", "春梅", "永福", "玉兰", "金水", "凤霞", "海生"];
  const lines = ["姓名,手机号,户号,性别,年满18周岁,党员,经济社成员"];
  for (let i = 0; i < 25; i += 1) {
    const name = `${["林", "苏"][i % 2]}${given[i % given.length]}${i < 13 ? "" : "二"}`;
    lines.push(`${name},188${String(10_000_000 + i).padStart(8, "0")},${Math.floor(i / 3) + 1}号户,${i % 2 ? "女" : "男"},是,${i % 5 === 0 ? "是" : "否"},是`);
  }
  return `${lines.join("\n")}\n`;
}

const BROKEN_CSV = [
  "姓名,手机号,户号,性别",
  "林大海,1881234,1号户,男",
  ",18800000001,1号户,女",
  "林小海,18800000002,9号户,男",
  "林小海,18800000003,9号户,男",
].join("\n");

let coopUrl = "";
let bodyUrl = "";
let meetingId = "";
let memberName = "";
let memberPhone = "";
let memberPage: Page | null = null;

function adminPage(browser: Browser): Promise<Page> {
  return loggedIn(browser, ADMIN.phone, { width: 1280, height: 900 }, ADMIN.password);
}

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

test("an admin creates a cooperative and imports a 25-person roster; a broken file imports nothing", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto("/admin");
  await page.getByLabel("新建经济合作社：名称").fill("平洲村第三经济合作社");
  await page.getByRole("button", { name: "新建经济合作社" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "平洲村第三经济合作社" })).toBeVisible();
  coopUrl = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "导入花名册", exact: true }).click();
  await page.getByLabel("花名册文件（Excel 或 CSV）").setInputFiles(csvFile("broken.csv", BROKEN_CSV));
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.locator("main [role=alert]")).toContainText("没有导入任何人");
  const rows = page.locator(".preview-table tbody tr");
  await expect(rows.nth(0)).toContainText("手机号不是11位手机号");
  await expect(rows.nth(1)).toContainText("缺少姓名");
  await expect(rows.nth(2)).toContainText("户号不存在");
  await expect(rows.nth(3)).toContainText("与文件中前面一行重复");
  await expect(page.getByRole("button", { name: /确认导入/ })).toHaveCount(0);
  await page.getByRole("link", { name: "户与人员", exact: true }).click();
  await expect(page.getByText("共 0 人，0 户。")).toBeVisible();

  await page.getByRole("link", { name: "导入花名册", exact: true }).click();
  await page.getByLabel("花名册文件（Excel 或 CSV）").setInputFiles(csvFile("roster.csv", rosterCsv()));
  await page.getByLabel("自动新建文件里的新户").check();
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByText("没有发现错误：将导入 25 人，新建 9 户。")).toBeVisible();
  await page.getByRole("button", { name: "确认导入 25 人" }).click();
  await expect(page.getByText("已导入 25 人。")).toBeVisible();
  await page.getByRole("link", { name: "查看人员名单" }).click();
  await expect(page.getByText("共 25 人，9 户。")).toBeVisible();
  // Phones in full on the admin's own register.
  await expect(page.getByRole("cell", { name: "18810000000" })).toBeVisible();
  await page.context().close();
});

test("the admin creates a 成员代表大会 and is warned while it has 20 or fewer representatives", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto(`${coopUrl}/bodies`);
  await page.getByLabel("类别").selectOption({ label: "成员代表大会" });
  await page.getByLabel("名称").fill("第三经济合作社成员代表大会");
  await page.getByRole("button", { name: "新建", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "第三经济合作社成员代表大会" })).toBeVisible();
  bodyUrl = new URL(page.url()).pathname;
  await expect(page.getByText("名单还是空的")).toBeVisible();
  const boxes = page.locator('.roster-list input[type="checkbox"]');
  for (let i = 0; i < 5; i += 1) await boxes.nth(i).check();
  await expect(page.getByText("已选 5 人")).toBeVisible();
  await expect(page.getByText("成员代表5人，法律要求多于二十人（至少21人）。")).toBeVisible();
  await page.getByRole("button", { name: "保存名单" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  await expect(page.getByText("成员代表5人，法律要求多于二十人（至少21人）。")).toBeVisible();
  // Officers from the roster, so the login sheet has exactly the five members.
  await page.getByLabel("主持人", { exact: true }).selectOption({ value: (await boxes.nth(0).getAttribute("value")) ?? "" });
  await page.getByLabel("记录人", { exact: true }).selectOption({ value: (await boxes.nth(1).getAttribute("value")) ?? "" });
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  await page.context().close();
});

test("the admin prints login QR codes and a member logs in with one on a phone and sets a password", async ({ browser }) => {
  const page = await adminPage(browser);
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) blocked.push(message.text());
  });
  await page.goto(bodyUrl);
  await page.getByRole("button", { name: "生成并打印扫码登录单" }).click();
  await expect(page.getByRole("heading", { name: /扫码登录单/ })).toBeVisible();
  await expect(page.locator(".card svg")).toHaveCount(5);
  const card = page.locator(".card").first();
  memberName = (await card.locator(".name").textContent()) ?? "";
  const url = (await card.locator(".url").textContent()) ?? "";
  expect(url).toMatch(/\/q\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByRole("button", { name: "打印" })).toBeVisible();
  expect(blocked, "the print button's script runs under the site's CSP").toEqual([]);
  await page.context().close();

  const phone = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: "zh-CN" });
  memberPage = await phone.newPage();
  await memberPage.goto(url);
  await expect(memberPage.getByText(`${memberName}，您好！`)).toBeVisible();
  await memberPage.getByRole("button", { name: "登录" }).click();
  await expect(memberPage).toHaveURL(/\/login\/qr\/password$/);
  await memberPage.getByLabel("新密码").fill("lin-2030-pass");
  await memberPage.getByLabel("再输入一次").fill("lin-2030-pass");
  await memberPage.getByRole("button", { name: "保存密码" }).click();
  await expect(memberPage).toHaveURL(/\/me/);
  await expect(memberPage.getByText(`${memberName}，您好`)).toBeVisible();

  // The code works once.
  const again = await browser.newContext({ locale: "zh-CN" });
  const second = await again.newPage();
  await second.goto(url);
  await expect(second.getByText("这个登录码已经用过了，不能再用。")).toBeVisible();
  await again.close();
  memberPhone =
    rosterCsv()
      .split("\n")
      .find((line) => line.startsWith(`${memberName},`))
      ?.split(",")[1] ?? "";
  expect(memberPhone).toMatch(/^188/);
});

test("the admin schedules a meeting with two agenda items tied to a matter, and uploads a material", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto(`${coopUrl}/matters`);
  await page.getByLabel("事项名称").fill("集体鱼塘对外发包");
  await page.getByLabel("事项类别").selectOption({ label: "一般事项" });
  await page.getByLabel("由谁提出").selectOption({ label: "村民提出" });
  await page.getByRole("button", { name: "登记" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "集体鱼塘对外发包" })).toBeVisible();
  await expect(page.getByText("成员代表大会").first()).toBeVisible();

  await page.goto(`${coopUrl}/meetings`);
  await page.getByLabel("议事机构").selectOption({ label: "第三经济合作社成员代表大会" });
  await page.getByLabel("会次").fill("2030年第1次");
  await page.getByLabel("会议名称").fill("成员代表大会");
  await page.getByLabel("开会时间（北京时间）").fill("2030-05-20T09:30");
  await page.getByLabel("地点", { exact: true }).fill("合作社会议室");
  await page.getByLabel("通知日期").fill("2030-05-08");
  await page.getByLabel("第 1 项").fill("鱼塘发包方案");
  await page.getByLabel("第 2 项").fill("鱼塘发包底价");
  await page.getByRole("button", { name: "安排会议" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /第三经济合作社成员代表大会 · 2030年第1次/ })).toBeVisible();
  meetingId = new URL(page.url()).pathname.split("/").pop() ?? "";

  for (const position of [1, 2]) {
    const item = page.locator(".list-plain > li").nth(position - 1);
    await item.getByLabel("关联事项").selectOption({ label: "集体鱼塘对外发包（动议 · 平洲村第三经济合作社）" });
    await item.getByRole("button", { name: "保存此项" }).click();
    await expect(page.getByText("已保存。")).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "集体鱼塘对外发包" })).toHaveCount(2);

  await page.getByLabel("上传材料").setInputFiles({ name: "鱼塘发包方案.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  await expect(page.getByRole("link", { name: "鱼塘发包方案.pdf" })).toBeVisible();
  await page.getByLabel("上传材料").setInputFiles({ name: "病毒.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is not a PDF") });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.locator("main [role=alert]")).toContainText("只能上传 PDF 文件或图片");
  await page.context().close();
});

test("the member sees the meeting and opens its materials on their phone", async () => {
  const page = memberPage as Page;
  await page.goto("/me");
  await expect(page.getByRole("heading", { name: /第三经济合作社成员代表大会 · 2030年第1次/ })).toBeVisible();
  await page.locator(`a[href="/meetings/${meetingId}"]`).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /第三经济合作社成员代表大会/ })).toBeVisible();
  await expect(page.getByText("鱼塘发包底价")).toBeVisible();
  await expect(page.getByText("鱼塘发包方案.pdf")).toBeVisible();
  const href = await page.getByRole("link", { name: "下载" }).getAttribute("href");
  const response = await page.request.get(href ?? "");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await response.body()).equals(PDF)).toBe(true);
  // No horizontal scrolling on a 360 px phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.context().close();
});
