/**
 * `npm run screenshots`: the README's pictures, made from the demo — the login page, a member's vote page in 长辈版
 * on a phone, the hall projector, and the supervisor console. Starts its own server on a fresh demo database.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { startServer } from "../server/testing/server";

const OUT = path.resolve("docs");
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

async function loggedIn(browser: Browser, base: string, phone: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: "zh-CN", deviceScaleFactor: 1 })).newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码").fill("yishi-demo");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.waitForURL(/\/me$/);
  return page;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({ databaseUrl: null });
  const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
  try {
    const base = server.url;
    const login = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" })).newPage();
    await login.goto(`${base}/login`);
    await login.screenshot({ path: path.join(OUT, "screenshot-login.png") });

    const chair = await loggedIn(browser, base, "13800000002", { width: 1366, height: 900 });
    await chair.locator("li.card", { hasText: "2026年第3次" }).getByRole("link", { name: "进入会议" }).click();
    await chair.getByRole("button", { name: "宣布开会" }).click();
    for (const name of ["陈国强", "陈志明", "梁丽娟", "黄锦华", "黄子健", "李淑芬", "何耀祖", "何嘉欣", "张月娥", "罗振东", "罗思敏"]) {
      await chair.getByRole("button", { name: `${name} 到会` }).click();
    }
    await chair.getByRole("button", { name: "下一议题" }).click();
    await chair.getByLabel("表决事项").fill("同意村道硬底化工程实施方案");
    await chair.getByRole("button", { name: "开始表决" }).click();
    await chair.getByText("已投票 0 / 11").waitFor();
    await chair.screenshot({ path: path.join(OUT, "screenshot-chair.png") });

    const phone = await loggedIn(browser, base, "13800000004", { width: 360, height: 640 });
    await phone.locator("li.card", { hasText: "2026年第3次" }).getByRole("link", { name: "进入会议" }).click();
    await phone.getByRole("button", { name: /长辈版/ }).click();
    await phone.getByRole("button", { name: "同意", exact: true }).waitFor();
    await phone.screenshot({ path: path.join(OUT, "screenshot-vote-elder.png"), fullPage: true });

    const meetingPath = new URL(chair.url()).pathname.replace(/\/live$/, "");
    const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN" })).newPage();
    await projector.goto(`${base}${meetingPath}/screen`);
    await projector.getByText("已投票 0 / 11").waitFor();
    await projector.screenshot({ path: path.join(OUT, "screenshot-projector.png") });

    const supervisor = await loggedIn(browser, base, "13800000009", { width: 1280, height: 900 });
    await supervisor.goto(`${base}/supervise`);
    await supervisor.waitForLoadState("networkidle");
    await supervisor.screenshot({ path: path.join(OUT, "screenshot-supervisor.png") });
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await server.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots failed: ${(error as Error).message}`);
  process.exit(1);
});
