import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { demoPondPhoto } from "../prisma/demoPhoto";
import { type DecidedMatter, decidedMatter } from "../server/notice/testing/decidedMatter";
import { login } from "../server/testing/http";
import { disguise } from "../server/testing/photos";
import { api, expectAccessible, loggedIn, PASSWORD } from "./helpers";

/**
 * Implementation photos compared across the township (issue #23), in the browser. The demo cooperative's 东塘鱼塘
 * record holds a photo of the pond bank; the village's clerk reports a mirrored copy of it on a project
 * of the village. The photo is flagged naming the cooperative, its project and the day; the village sees no image of
 * the cooperative's (and cannot open it), the township's reviewer sees both side by side, and the township's page
 * lists the yellow alert. 360-px phone and 1366×768 laptop, axe-clean.
 */
const PHONE = { width: 360, height: 740 };
const LAPTOP = { width: 1366, height: 768 };
const COOP = "平洲村第一经济合作社（演示）";
const SHOTS = "test-results";

async function fitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test.describe
  .serial("a photo two organizations of the township used", () => {
    let decided: DecidedMatter;
    let dir: string;
    const title = "村西排水沟修缮";

    test.beforeAll(async ({ baseURL }) => {
      const url = baseURL as string;
      const cookies = { admin: (await login(url, "13800000001", PASSWORD)) ?? "", chair: (await login(url, "13800000002", PASSWORD)) ?? "" };
      decided = await decidedMatter(url, cookies, title);
      dir = mkdtempSync(path.join(tmpdir(), "yishi-e2e-township-photos-"));
      writeFileSync(path.join(dir, "排水沟.jpg"), await disguise(await demoPondPhoto(), "mirrored"));
    });
    test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test("the village's copy of the cooperative's photo is flagged naming the cooperative; its photo stays hidden", async ({ browser }) => {
      const page = await loggedIn(browser, "13800000001", PHONE, PASSWORD);
      await api(page, "POST", "/api/notices/publish", { kind: "decision", matterId: decided.matterId });
      const { people } = (await api(page, "GET", `/api/admin/orgs/${decided.orgId}/people`)) as unknown as { people: { id: string }[] };
      await api(page, "POST", "/api/implementation/plans", {
        matterId: decided.matterId,
        responsibleId: people[0]?.id,
        startsOn: "2026-01-01",
        endsOn: "2099-12-31",
        milestones: [{ title: "完工", dueOn: "2099-06-30" }],
      });
      await page.goto(`/matters/${decided.matterId}/implementation`);
      const report = page.locator("form[enctype='multipart/form-data']");
      await report.getByLabel("做了什么").fill("排水沟清淤完成");
      await report.getByLabel("照片和文件（可多选）").setInputFiles(path.join(dir, "排水沟.jpg"));
      await report.getByRole("button", { name: "提交进展" }).click();
      await expect(page.getByRole("status")).toHaveText("进展已提交。");
      const flag = page.locator("[data-duplicate=township]");
      await expect(flag).toContainText(`已被${COOP}用于：东塘鱼塘承包方案（`);
      await expect(flag).toContainText(/（\d{4}-\d{2}-\d{2} 上传）/);
      const pair = flag.getByRole("group", { name: "两次使用对照" });
      await expect(pair.getByRole("img")).toHaveCount(1);
      await expect(pair).toContainText(`${COOP}的照片只向该组织和镇街干部显示`);
      await expect(pair.getByRole("link")).toHaveCount(0);
      await expectAccessible(page, "village's flagged photo");
      await fitsWidth(page);
      await page.screenshot({ path: `${SHOTS}/township-photo-village-360.png`, fullPage: true });
      // Its file is not the village's to open.
      const coopPhoto = await page.locator("[data-duplicate=township]").getAttribute("data-other-file");
      expect(coopPhoto).toBeTruthy();
      expect((await page.request.get(`/api/implementation/evidence/${coopPhoto}`)).status()).toBe(404);
      await page.context().close();
    });

    test("the township's reviewer sees both photos side by side, and the township's page lists the alert", async ({ browser }) => {
      const page = await loggedIn(browser, "13800000041", LAPTOP, PASSWORD);
      await page.goto(`/matters/${decided.matterId}/implementation`);
      const pair = page.locator("[data-duplicate=township]").getByRole("group", { name: "两次使用对照" });
      await expect(pair.getByRole("img")).toHaveCount(2);
      await expect(pair.getByRole("link", { name: `${COOP}「东塘鱼塘承包方案」` })).toBeVisible();
      for (const img of await pair.getByRole("img").all()) await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
      await expectAccessible(page, "reviewer's side by side");
      await fitsWidth(page);
      await page.screenshot({ path: `${SHOTS}/township-photo-reviewer-1366.png`, fullPage: true });

      const towns = (await (await page.request.get("/api/orgs")).json()) as { data: { id: string; name: string; level: string }[] };
      const township = towns.data.find((o) => o.level === "township")!;
      await page.goto(`/township/${township.id}`);
      const alerts = page.locator("[data-code=photo_reused_in_township]");
      await expect(alerts.filter({ hasText: "平洲村（演示）" }).first()).toContainText(title);
      await expect(alerts.filter({ hasText: COOP }).first()).toBeVisible();
      await expect(alerts.first()).toHaveClass(/alert-yellow/);
      await page.screenshot({ path: `${SHOTS}/township-photo-dashboard-1366.png`, fullPage: true });
      await page.context().close();
    });
  });
