import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import iconv from "iconv-lite";
import { type DecidedMatter, decidedMatter } from "../server/notice/testing/decidedMatter";
import { login } from "../server/testing/http";
import { disguise, photoWithExif } from "../server/testing/photos";
import { expectAccessible, loggedIn, PASSWORD } from "./helpers";

/**
 * After the decision (issue #23), in the browser: the clerk draws up the plan of a decided matter of its own (made
 * through the app's HTTP endpoints), reports progress with a photo taken on site, then reports again with a mirrored,
 * re-compressed copy of it — shown flagged beside its first use — and imports a GBK payments CSV whose doubtful rows
 * are listed with their reasons. Phones and laptops, axe-clean.
 */
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const exifNow = () => `${TODAY.replace(/-/g, ":")} 09:30:00`;

async function fitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test.describe
  .serial("implementation, evidence and payments", () => {
    let decided: DecidedMatter;
    let dir: string;
    const title = "村东道路硬化";

    test.beforeAll(async ({ baseURL }) => {
      const url = baseURL as string;
      const cookies = { admin: (await login(url, "13800000001", PASSWORD)) ?? "", chair: (await login(url, "13800000002", PASSWORD)) ?? "" };
      decided = await decidedMatter(url, cookies, title);
      const published = await fetch(`${url}/api/notices/publish`, {
        method: "POST",
        headers: { cookie: cookies.admin, accept: "application/json", "content-type": "application/json", origin: url },
        body: JSON.stringify({ kind: "decision", matterId: decided.matterId }),
      });
      expect(((await published.json()) as { ok: boolean }).ok).toBe(true);
      dir = mkdtempSync(path.join(tmpdir(), "yishi-e2e-photos-"));
      const photo = await photoWithExif(41, exifNow(), { lat: 23.05, lon: 113.15 });
      writeFileSync(path.join(dir, "site.jpg"), photo);
      writeFileSync(path.join(dir, "again.jpg"), await disguise(photo, "mirrored+recompressed"));
    });
    test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test("the clerk plans the decided matter on a phone; a bad date is refused in words and nothing is saved", async ({ browser }) => {
      const page = await loggedIn(browser, "13800000001", PHONE);
      await page.goto(`/matters/${decided.matterId}`);
      await page.getByRole("link", { name: "实施计划、进展与证据" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`组织实施：${title}`);
      await expectAccessible(page, "plan form");
      await fitsWidth(page);
      const form = page.locator("form[action='/api/implementation/plans']");
      await form.getByLabel("实施负责人").selectOption({ index: 1 });
      await form.getByLabel("决议金额（元，作为支出上限）").fill("500000");
      await form.getByLabel("结束日期").fill("2099-12-31");
      await form.getByLabel("项目地点纬度（可不填）").fill("23.05");
      await form.getByLabel("项目地点经度（可不填）").fill("113.15");
      await form.getByLabel("节点 1 名称").fill("路面硬化完工");
      // Due before the period starts: refused with the reason, the form comes back.
      await form.getByLabel("节点 1 计划完成日期").fill("2000-01-01");
      await form.getByRole("button", { name: "保存实施计划" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "节点" })).toHaveText("节点的计划日期不在实施期间内。");
      await expect(page.getByText("这个事项还没有实施计划。")).toBeVisible();
      const again = page.locator("form[action='/api/implementation/plans']");
      await again.getByLabel("实施负责人").selectOption({ index: 1 });
      await again.getByLabel("决议金额（元，作为支出上限）").fill("500000");
      await again.getByLabel("结束日期").fill("2099-12-31");
      await again.getByLabel("项目地点纬度（可不填）").fill("23.05");
      await again.getByLabel("项目地点经度（可不填）").fill("113.15");
      await again.getByLabel("节点 1 名称").fill("路面硬化完工");
      await again.getByLabel("节点 1 计划完成日期").fill("2099-06-30");
      await again.getByRole("button", { name: "保存实施计划" }).click();
      await expect(page.getByRole("status")).toHaveText("实施计划已保存。");
      await expect(page.getByText("决议金额（上限）500,000.00 元，已支出 0.00 元")).toBeVisible();
      await expect(page.getByRole("row", { name: /路面硬化完工/ })).toContainText("未到期");
      await expectAccessible(page, "plan");
      await fitsWidth(page);
      await page.context().close();
    });

    test("a photo taken on site passes; its mirrored copy in a later report is flagged beside its first use", async ({ browser }) => {
      const page = await loggedIn(browser, "13800000001", LAPTOP);
      await page.goto(`/matters/${decided.matterId}/implementation`);
      const report = page.locator("form[enctype='multipart/form-data']");
      await report.getByLabel("做了什么").fill("路基平整完成");
      await report.getByLabel("本次支出（元，可不填）").fill("120000");
      await report.getByLabel("照片和文件（可多选）").setInputFiles(path.join(dir, "site.jpg"));
      await report.getByRole("button", { name: "提交进展" }).click();
      await expect(page.getByRole("status")).toHaveText("进展已提交。");
      await expect(page.getByText("拍摄时间、地点与项目相符，未发现重复使用。")).toBeVisible();

      const second = page.locator("form[enctype='multipart/form-data']");
      await second.getByLabel("做了什么").fill("路面浇筑");
      await second.getByLabel("本次支出（元，可不填）").fill("400000");
      await second.getByLabel("照片和文件（可多选）").setInputFiles(path.join(dir, "again.jpg"));
      await second.getByRole("button", { name: "提交进展" }).click();
      await expect(page.getByRole("status")).toHaveText("进展已提交。");
      await expect(page.getByText("与已有照片高度相似（疑似重复使用）")).toBeVisible();
      const pair = page.getByRole("group", { name: "两次使用对照" });
      await expect(pair.getByRole("img")).toHaveCount(2);
      await expect(pair).toContainText(`此前：${title}`);
      // 120,000 + 400,000 = 520,000 of a 500,000 cap.
      await expect(page.locator(".alert[role=alert]")).toHaveText("已超出决议金额 20,000.00 元");
      await expectAccessible(page, "evidence");
      await fitsWidth(page);
      await page.screenshot({ path: "test-results/implementation-laptop.png", fullPage: true });
      await page.setViewportSize(PHONE);
      await fitsWidth(page);
      await page.screenshot({ path: "test-results/implementation-phone.png", fullPage: true });
      await page.context().close();
    });

    test("a GBK payments CSV is imported and every doubtful payment is listed with its reason", async ({ browser }) => {
      const page = await loggedIn(browser, "13800000001", PHONE);
      await page.goto(`/matters/${decided.matterId}/implementation`);
      const code = (await page.locator("dd code").textContent())?.trim() ?? "";
      expect(code).toMatch(/^[0-9a-z]{8}$/);
      const csv = [
        "日期,收款人,金额,用途,决议编号",
        `2026-06-01,平洲建筑队,300000,材料款,${code}`,
        `2026-06-02,平洲建筑队,200000.01,工程款,${code}`,
        "2026-06-03,某商店,88.50,办公用品,",
      ].join("\r\n");
      const file = path.join(dir, `付款-${Date.now()}.csv`);
      writeFileSync(file, iconv.encode(csv, "gbk"));
      await page.goto(`/admin/orgs/${decided.orgId}/payments`);
      await page.getByLabel("支付记录文件").setInputFiles(file);
      await page.getByRole("button", { name: "导入并核对" }).click();
      await expect(page.getByRole("status")).toHaveText("支付记录已导入。");
      const card = page.getByRole("article").first();
      await expect(card.getByRole("heading")).toContainText("gb18030");
      await expect(card.getByRole("row", { name: /某商店/ })).toContainText("未引用决议");
      await expect(card.getByRole("row", { name: /200,000.01/ })).toContainText("累计支出超出决议金额");
      await expectAccessible(page, "payments");
      await fitsWidth(page);
      await page.screenshot({ path: "test-results/payments-phone.png", fullPage: true });
      await page.goto(`/matters/${decided.matterId}/implementation`);
      await expect(page.getByRole("row", { name: /某商店/ })).toHaveCount(0);
      await expect(page.getByRole("row", { name: /200,000.01/ })).toContainText("累计支出超出决议金额");
      await page.context().close();
    });
  });
