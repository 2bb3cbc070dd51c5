import { gzipSync } from "node:zlib";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { api, elderPhone, expectAccessible, loggedIn, shot, WECHAT_UA } from "./helpers";

/**
 * Issue #19 item 3: a named vote's receipt is a page and a QR code. The voter votes on an elder phone in WeChat's
 * browser, gets 「查看回执」 and a QR code; the page opens in a logged-out browser, checks the receipt itself and keeps
 * checking with the network cut; one changed byte of the entry in the page's HTML is caught and said in words.
 */

/** A logged-out browser: WeChat at 360×740, or a laptop at 1366×768. */
async function stranger(browser: Browser, size: "phone" | "laptop"): Promise<Page> {
  const context =
    size === "phone"
      ? await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", userAgent: WECHAT_UA, isMobile: true, hasTouch: true })
      : await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
  return context.newPage();
}

const VERIFIED = /^您的表决（同意）已记入第 \d+ 条记录，并由 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 的签名检查点确认。$/;

test("a named vote's receipt: a page and a QR code, checked in the browser, offline, and a changed byte caught", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await loggedIn(browser, "13800000001", { width: 1366, height: 768 });
  const orgs = (await api(admin, "GET", "/api/orgs")) as unknown as { id: string; name: string }[];
  const orgId = orgs.find((o) => o.name === "平洲村（演示）")?.id ?? "";
  const bodiesPage = await (await admin.request.get(`/admin/orgs/${orgId}/bodies`)).text();
  const bodyId = /href="\/admin\/bodies\/([^"/?#]+)"[^>]*>\s*平洲村村民代表会议\s*</.exec(bodiesPage)?.[1] ?? "";
  const number = `回执${Date.now().toString(36)}`;
  const { id: meetingId } = await api(admin, "POST", "/api/admin/meetings", {
    bodyId,
    number,
    title: "村民代表会议",
    startsAt: new Date().toISOString(),
    place: "村委会礼堂",
    agenda: [{ title: "村道路灯改造方案" }],
  });
  await admin.context().close();
  const livePath = `/meetings/${meetingId}/live`;

  // The meeting opens with a quorum; the chair opens a named vote; the elder votes 同意 on the phone.
  const chair = await loggedIn(browser, "13800000002", { width: 1366, height: 768 });
  await chair.goto(livePath);
  const phone = await elderPhone(browser, "13800000004");
  await phone.goto(livePath);
  await chair.getByRole("button", { name: "宣布开会" }).click();
  await phone.getByRole("button", { name: "签到", exact: true }).click();
  await expect(phone.getByRole("status").filter({ hasText: "签到成功，您已到会。" })).toBeVisible();
  for (const name of ["陈国强", "陈志明", "梁丽娟", "黄子健", "李淑芬", "何耀祖", "何嘉欣", "张月娥", "罗振东"]) {
    await chair.getByRole("button", { name: `${name} 到会` }).click();
    await expect(chair.locator(".roster li", { hasText: name }).locator(".roster-status")).toHaveText("到会");
  }
  await chair.getByRole("button", { name: "下一议题" }).click();
  await chair.getByLabel("表决事项").fill("同意村道路灯改造方案");
  await chair.getByLabel("事项类别").selectOption({ label: "一般事项" });
  await chair.getByRole("button", { name: "开始表决" }).click();
  await expect(chair.getByText("已投票 0 / 10")).toBeVisible();
  await phone.getByRole("button", { name: "同意", exact: true }).click();
  await phone.getByRole("dialog").getByRole("button", { name: "确定" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "您的票已记录：同意" })).toBeVisible();

  // The phone shows 「查看回执」 and the page's QR code; the .tlog-proof file opens inline as text.
  const view = phone.getByRole("link", { name: "查看回执" });
  await expect(view).toBeVisible();
  const receiptPath = (await view.getAttribute("href")) ?? "";
  expect(receiptPath).toMatch(/^\/r\/[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{22}$/);
  await expect(phone.getByRole("img", { name: "回执页面的二维码" }).locator("svg")).toBeVisible();
  await phone.getByRole("heading", { name: "您的表决回执" }).scrollIntoViewIfNeeded();
  await shot(phone, "receipt-phone-360-elder");
  await expectAccessible(phone, "elder phone with the receipt");
  const fileHref = (await phone.getByRole("link", { name: /回执原始文件/ }).getAttribute("href")) ?? "";
  const file = await phone.request.get(fileHref);
  expect(file.headers()["content-disposition"]).toMatch(/^inline; filename="yishi-vote-\d+\.tlog-proof"$/);
  expect(file.headers()["content-type"]).toMatch(/^text\/plain/);
  expect(await file.text()).toMatch(/^c2sp\.org\/tlog-proof@v1\nextra /);

  // A logged-out WeChat browser opens the page: verified in words, with the meeting, the item and the voter.
  const reader = await stranger(browser, "phone");
  const scripts: { url: string; bytes: Buffer }[] = [];
  reader.on("response", async (response) => {
    if (response.request().resourceType() === "script") scripts.push({ url: response.url(), bytes: await response.body().catch(() => Buffer.alloc(0)) });
  });
  await reader.goto(receiptPath);
  const verdict = reader.locator(".receipt-verdict");
  await expect(verdict.locator(".receipt-verdict-title")).toHaveText(VERIFIED);
  await expect(reader.getByText(`会议：${number}　村民代表会议`)).toBeVisible();
  await expect(reader.getByText("表决事项：村道路灯改造方案")).toBeVisible();
  await expect(reader.getByText("投票人：")).toContainText(/投票人：\S+/);
  const gzipped = scripts.reduce((sum, s) => sum + gzipSync(s.bytes).length, 0);
  test.info().annotations.push({ type: "first-load JS (gzip)", description: `${(gzipped / 1024).toFixed(1)} kB in ${scripts.length} scripts` });
  console.log(`receipt page first-load JS: ${(gzipped / 1024).toFixed(1)} kB gzip in ${scripts.length} scripts`);

  // The network is cut: checking again uses only the data already in the page.
  await reader.context().setOffline(true);
  const before = Number(await verdict.getAttribute("data-checks"));
  await reader.getByRole("button", { name: "再核验一次" }).click();
  await expect(verdict).toHaveAttribute("data-checks", String(before + 1));
  await expect(verdict.locator(".receipt-verdict-title")).toHaveText(VERIFIED);
  await reader.context().setOffline(false);
  await shot(reader, "receipt-page-360");
  await expectAccessible(reader, "receipt page, verified");

  const laptop = await stranger(browser, "laptop");
  await laptop.goto(receiptPath);
  await expect(laptop.locator(".receipt-verdict-title")).toHaveText(VERIFIED);
  await shot(laptop, "receipt-page-1366");
  await expectAccessible(laptop, "receipt page at 1366");

  // One byte of the entry changed in the HTML on its way to the browser ("yes" → "Yes"): the check fails, in words.
  const tampered = await stranger(browser, "phone");
  let changed = 0;
  await tampered.route(
    (url) => url.pathname === receiptPath,
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const b64 = /extra ([A-Za-z0-9+/=]+)/.exec(html)?.[1] ?? "";
      const bytes = Buffer.from(b64, "base64");
      const at = bytes.indexOf(Buffer.from('"choice":"yes"')) + '"choice":"'.length;
      expect(at).toBeGreaterThan('"choice":"'.length);
      bytes[at] = "Y".charCodeAt(0);
      changed = html.split(b64).length - 1;
      await route.fulfill({ response, body: html.split(b64).join(bytes.toString("base64")) });
    },
  );
  await tampered.goto(receiptPath);
  expect(changed).toBeGreaterThan(0);
  const failed = tampered.locator(".receipt-verdict");
  await expect(failed.locator(".receipt-verdict-title")).toHaveText("核验没有通过");
  await expect(failed).toContainText("表决记录和签名的日志对不上：记录或证明被改动过。");
  await expect(failed).toContainText("请不要相信这张回执。");
  await expect(failed).not.toContainText("已记入");
  await shot(tampered, "receipt-page-360-tampered");
  await expectAccessible(tampered, "receipt page, tampered");

  // A made-up token: words, nothing else.
  await reader.goto(`${receiptPath.slice(0, -1)}${receiptPath.endsWith("A") ? "B" : "A"}`);
  await expect(reader.getByRole("alert").filter({ hasText: "找不到这张回执" })).toBeVisible();
  await expect(reader.locator(".receipt-verdict")).toHaveCount(0);
});
