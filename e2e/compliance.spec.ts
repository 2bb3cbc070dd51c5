/**
 * The compliance page (合规提示, issue #20 item 4): the village admin reaches it from the organization overview and
 * sees its alerts by colour, each in words with its rule, legal basis and a link to the evidence; the supervisor
 * reads it in English on a laptop; a member is refused. Phone, laptop and hall-screen widths, axe-clean.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible, loggedIn } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;

test("the village admin sees the demo's alerts by colour, each with its rule, basis and evidence", async ({ browser }) => {
  const page = await loggedIn(browser, "13800000001");
  const orgs = (await (await page.request.get("/api/orgs")).json()) as { data: { id: string; name: string }[] };
  const village = orgs.data.find((o) => o.name === "平洲村（演示）");
  expect(village).toBeDefined();
  await page.goto(`/admin/orgs/${village?.id}`);
  await page.getByRole("link", { name: "合规提示" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("合规提示 · 平洲村（演示）");
  for (const name of ["红色提示", "黄色提示", "绿色提示"]) await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();

  // The budget decision's 提议、商议、审议 were held on paper before Yishi, and the record says so: a green note.
  const note = page.locator("[data-code=stages_off_record]").filter({ hasText: "2026年度村集体财务预算" });
  await expect(note).toContainText("S1 党组织提议、S2 两委会商议、S3 党员大会审议未在系统中记录");
  await expect(note).toContainText("按纸质记录完成");
  await expect(note.getByText("“四议两公开”须依次进行，不得跳过阶段")).toBeVisible();
  await expect(note).toContainText("村民委员会组织法（2025年修正）第二十八条");
  await expect(page.getByRole("link", { name: /绿色 \d+ 项/ })).toBeVisible();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, "compliance (phone)");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/compliance-390.png`, fullPage: true });

  await note.getByRole("link", { name: /查看证据：事项页/ }).click();
  await expect(page).toHaveURL(/\/matters\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2026年度村集体财务预算");
  await page.context().close();
});

test("the supervisor reads it in English on a laptop and a hall screen; a member is refused", async ({ browser }) => {
  // Two logins and three pages: on the shared machine under load this alone has taken over a minute.
  test.setTimeout(120_000);
  const supervisor = await loggedIn(browser, "13800000009", { width: 1366, height: 768 });
  await supervisor.goto("/supervise");
  await supervisor.getByRole("link", { name: "合规提示" }).click();
  await expect(supervisor.getByRole("heading", { level: 1 })).toContainText("合规提示");
  const url = supervisor.url();
  await supervisor.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url }]);
  await supervisor.reload();
  await expect(supervisor.getByRole("heading", { level: 1 })).toHaveText("Compliance alerts · 平洲村（演示）");
  const note = supervisor.locator("[data-code=stages_off_record]").first();
  await expect(note).toContainText("are not recorded in Yishi");
  await expect(note.getByText("The four deliberations and two disclosures follow in order; no stage is skipped")).toBeVisible();
  await expectAccessible(supervisor, "compliance (laptop, English)");
  if (SHOTS) await supervisor.screenshot({ path: `${SHOTS}/compliance-1366.png`, fullPage: true });
  await supervisor.setViewportSize({ width: 1920, height: 1080 });
  if (SHOTS) await supervisor.screenshot({ path: `${SHOTS}/compliance-1920.png`, fullPage: true });

  const json = (await (await supervisor.request.get(url.replace("/orgs/", "/api/orgs/").replace("/compliance", "/alerts"))).json()) as {
    data: { alerts: { level: string; code: string; evidence: { href: string } }[] };
  };
  expect(json.data.alerts.some((a) => a.code === "stages_off_record" && a.level === "green" && a.evidence.href.startsWith("/matters/"))).toBe(true);

  const member = await loggedIn(browser, "13800000004");
  await member.goto(url);
  await expect(member.locator(".alert[role=alert]")).toBeVisible();
  await expect(member.locator("[data-code]")).toHaveCount(0);
  const refused = await member.request.get(url.replace("/orgs/", "/api/orgs/").replace("/compliance", "/alerts"));
  expect(refused.status()).toBe(403);
  await supervisor.context().close();
  await member.context().close();
});
