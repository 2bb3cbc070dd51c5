import { expect, test } from "@playwright/test";
import { gbkCsv, wpsXlsx } from "../server/testing/rosterFiles";
import { expectAccessible, loggedIn } from "./helpers";

/**
 * A clerk on Chinese Windows imports the roster as Excel or WPS saved it: a GBK "CSV" and an .xlsx read as the same
 * people, with the ID number masked; a damaged file and an old .xls get words that say why and where.
 */
const ADMIN = { phone: "13800000001", password: "yishi-demo" };
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("a roster saved as GBK CSV or as a WPS .xlsx imports the same people; unreadable files say why", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await loggedIn(browser, ADMIN.phone, { width: 1366, height: 768 }, ADMIN.password);
  await page.goto("/admin");
  await page.getByLabel("新建经济合作社：名称").fill("平洲村第七经济合作社");
  await page.getByRole("button", { name: "新建经济合作社" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "平洲村第七经济合作社" })).toBeVisible();
  await page.getByRole("link", { name: "导入花名册", exact: true }).click();

  const picker = page.getByLabel("花名册文件（Excel 或 CSV）");
  const accept = (await picker.getAttribute("accept")) ?? "";
  for (const kind of [".csv", ".xlsx", XLSX_TYPE]) expect(accept.split(",")).toContain(kind);
  const check = page.getByRole("button", { name: "检查文件" });
  const alert = page.locator("main [role=alert]");

  // A GBK file with a broken character on line 3.
  const broken = Buffer.from(gbkCsv());
  const thirdLine = broken.indexOf(0x0a, broken.indexOf(0x0a) + 1) + 1;
  broken[thirdLine + 1] = 0xff;
  await picker.setInputFiles({ name: "花名册.csv", mimeType: "text/csv", buffer: broken });
  await check.click();
  await expect(alert).toContainText("无法识别这个文件的文字编码");
  await expect(alert).toContainText("（第 3 行）");
  await expectAccessible(page, "roster import: unreadable file");

  const xls = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
  await picker.setInputFiles({ name: "花名册.xls", mimeType: "application/vnd.ms-excel", buffer: xls });
  await check.click();
  await expect(alert).toContainText("这是旧版 Excel 文件（.xls）");

  await page.getByLabel("自动新建文件里的新户").check();
  const rows = page.locator(".preview-table tbody tr");
  const seen: string[][] = [];
  for (const file of [
    { name: "花名册.csv", mimeType: "text/csv", buffer: Buffer.from(gbkCsv()), readAs: "已按 GBK" },
    { name: "花名册.xlsx", mimeType: XLSX_TYPE, buffer: Buffer.from(wpsXlsx()), readAs: "已按 Excel 表格读取" },
  ]) {
    await picker.setInputFiles(file);
    await check.click();
    await expect(page.getByText(file.readAs)).toBeVisible();
    await expect(page.getByText("没有发现错误：将导入 4 人，新建 2 户。")).toBeVisible();
    await expect(rows.first()).toContainText("黎彧明");
    await expect(rows.first()).toContainText("4401**********2014");
    await expect(rows.first()).toContainText("户主");
    seen.push(await rows.allInnerTexts());
  }
  expect(seen[1]).toEqual(seen[0]);
  expect(seen.join()).not.toContain("440102198505052014");
  await expectAccessible(page, "roster import: preview");

  await page.getByRole("button", { name: "确认导入 4 人" }).click();
  await expect(page.getByText("已导入 4 人。")).toBeVisible();
  await page.getByRole("link", { name: "查看人员名单" }).click();
  await expect(page.getByText("共 4 人，2 户。")).toBeVisible();
  await expect(page.getByText("冯喆")).toBeVisible();
  await expect(page.getByRole("cell", { name: "4401**********0040" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "1号户（配偶）" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText("200002290040");
  await page.context().close();
});
