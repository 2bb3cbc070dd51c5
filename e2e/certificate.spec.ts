import { expect, test } from "@playwright/test";
import { expectAccessible, firstLoadJs, shot, WECHAT_UA } from "./helpers";

/**
 * The decision certificate (issue #23) in the browser: the demo village's budget decision notice shows its QR code
 * and short ID; /c/<code> opened logged-out in WeChat on a 360 px phone checks itself with the network cut, and a
 * page whose decision text was changed on the way says which line fails. Reads the demo's notice only.
 */
const PHONE = { width: 360, height: 740 };
const MOTION = "同意2026年度村集体财务预算";

test.describe
  .serial("decision certificate", () => {
    let code = "";

    test("the decision notice shows the certificate's QR code and short ID", async ({ browser }) => {
      const page = await (await browser.newContext({ viewport: PHONE, locale: "zh-CN" })).newPage();
      await page.goto("/n");
      await page.getByRole("link", { name: "平洲村（演示）" }).click();
      await page
        .getByRole("article", { name: "2026年度村集体财务预算" })
        .getByRole("link", { name: /2026年度村集体财务预算（/ })
        .click();
      const badges = page.getByRole("region", { name: "决议凭证" });
      await expect(badges.getByRole("img", { name: /^决议凭证 [0-9a-z]{8}$/ })).toBeVisible();
      const link = badges.locator("a[data-certificate-code]");
      code = (await link.getAttribute("data-certificate-code")) ?? "";
      expect(code).toMatch(/^[0-9a-z]{8}$/);
      await expect(link).toHaveText(code);
      await expect(badges).toContainText(MOTION);
      await expectAccessible(page, "decision notice with certificate");
      await shot(page, "certificate-notice-360");
      await page.context().close();
    });

    test("/c/<code> in WeChat, logged out, verifies in the browser with the network cut", async ({ browser }) => {
      const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", userAgent: WECHAT_UA });
      const page = await context.newPage();
      await page.goto(`/c/${code}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("决议凭证");
      const facts = page.locator(".cert-facts");
      await expect(facts).toContainText(MOTION);
      await expect(facts).toContainText("平洲村（演示）");
      await expect(facts).toContainText(/通过：同意 \d+ 票，反对 \d+ 票，弃权 \d+ 票/);
      await expect(facts).toContainText(/村民代表会议·一般事项：至少 \d+ 票同意方可通过/);
      const verdict = page.locator(".cert-verdict");
      await expect(verdict.locator(".cert-verdict-title")).toHaveText("已核验");
      await context.setOffline(true);
      await page.getByRole("button", { name: "再核验一次" }).click();
      await expect(verdict).toHaveAttribute("data-checks", "2");
      await expect(verdict.locator(".cert-verdict-title")).toHaveText("已核验");
      const ms = Number(await verdict.getAttribute("data-ms"));
      console.log(`certificate verification in the browser: ${ms} ms (offline re-check)`);
      expect(ms).toBeLessThan(1000);
      await expectAccessible(page, "certificate page 360");
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await shot(page, "certificate-verified-360");
      await context.setOffline(false);
      // The certificate file opens inline as text (WeChat cannot save a download).
      const file = await page.request.get(`/c/${code}/file`);
      expect(file.headers()["content-type"]).toContain("text/plain");
      expect(file.headers()["content-disposition"]).toMatch(/^inline/);
      expect(JSON.parse(await file.text())).toMatchObject({ format: "yishi-decision-certificate/v1", statement: { code, motion: MOTION } });
      await context.close();
    });

    test("a page whose decision text was changed on the way says the check failed and names the line", async ({ browser }) => {
      const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", userAgent: WECHAT_UA });
      const page = await context.newPage();
      // Same byte length (two Chinese characters for two): the page and its React payload both carry the changed text.
      await page.route(`**/c/${code}`, async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replaceAll(MOTION, MOTION.replace("同意", "反对"));
        await route.fulfill({ response, body });
      });
      await page.goto(`/c/${code}`);
      await expect(page.locator(".cert-facts")).toContainText("反对2026年度村集体财务预算");
      const verdict = page.locator(".cert-verdict");
      await expect(verdict.locator(".cert-verdict-title")).toHaveText("核验失败");
      await expect(verdict).toContainText("“决议内容”一项与日志记录不符");
      await expect(verdict).toHaveAttribute("data-verdict", "fail:motion");
      await expectAccessible(page, "certificate page, failed");
      await shot(page, "certificate-failed-360");
      await context.close();
    });

    test("on a laptop the page reads the same; its JavaScript stays within 200 kB gzipped", async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
      const page = await context.newPage();
      const js = await firstLoadJs(page, `/c/${code}`);
      console.log(`certificate page first load: ${js.scripts} scripts, ${(js.bytes / 1024).toFixed(1)} kB gzipped`);
      expect(js.bytes).toBeLessThanOrEqual(200 * 1024);
      await expect(page.locator(".cert-verdict .cert-verdict-title")).toHaveText("已核验");
      await expectAccessible(page, "certificate page 1366");
      await shot(page, "certificate-verified-1366");
      await context.close();
    });
  });
