/**
 * The township takes part in a village meeting (issue #20): the chair records the township's reviewer as 列席 with
 * title; the meeting decides a matter the township pre-reviewed; after the minutes are final the reviewer signs as a
 * witness on a 360×740 phone; the minutes page, the print view and the PDF show 见证：黄预审（镇街工作人员） and
 * 已经镇街预审. The township's 镇街监督 opens the village's matter page and writes an opinion; another township's
 * reviewer is refused the page. Axe-clean, with screenshots.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { login } from "../server/testing/http";
import { liveClient } from "../server/testing/liveClient";
import { expectAccessible, loggedIn, PASSWORD } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;

/** A one-page PDF, as a village clerk uploads a meeting's material. */
const MATERIAL_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

async function api<T>(base: string, cookie: string, method: "GET" | "POST", url: string, json?: unknown): Promise<T> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { cookie, accept: "application/json", origin: base, ...(json === undefined ? {} : { "content-type": "application/json" }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const answer = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!answer.ok) throw new Error(`${method} ${url}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

test("a township reviewer attends as 列席, signs the minutes as witness on a phone; the township supervisor writes an opinion on the matter", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const base = baseURL ?? "";
  const admin = (await login(base, "13800000001", PASSWORD)) ?? "";
  const reviewerCookie = (await login(base, "13800000041", PASSWORD)) ?? "";
  const orgs = await api<{ id: string; name: string }[]>(base, admin, "GET", "/api/orgs");
  const village = orgs.find((o) => o.name === "平洲村（演示）")?.id as string;

  // The village raises a 150,000-yuan matter and asks for the township's pre-review; the reviewer approves it.
  const title = `村道硬化工程${Date.now().toString(36)}`;
  const matter = await api<{ id: string }>(base, admin, "POST", "/api/admin/matters", {
    orgId: village,
    title,
    source: "villagers",
    kind: "general",
    amountYuan: 150_000,
  });
  const review = await api<{ id: string }>(base, admin, "POST", `/api/admin/matters/${matter.id}/prereview`, {});
  await api(base, reviewerCookie, "POST", `/api/township/prereviews/${review.id}`, { decision: "approve" });

  // The demo's representatives' meeting, a meeting of our own on that matter.
  const bodiesHtml = await (await fetch(`${base}/admin/orgs/${village}/bodies`, { headers: { cookie: admin } })).text();
  const bodyId = /href="\/admin\/bodies\/([^"]+)">平洲村村民代表会议</.exec(bodiesHtml)?.[1];
  const meeting = await api<{ id: string }>(base, admin, "POST", "/api/admin/meetings", {
    bodyId,
    number: `2026年镇街列席${Date.now().toString(36)}`,
    title: "村民代表会议（镇街列席）",
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    place: "村文化室",
    agenda: [{ title: "村道硬化工程方案", matterId: matter.id }],
  });
  const meetingId = meeting.id;

  // 1. The chair records the township's reviewer as 列席 on the meeting page, picking from the township's reviewers.
  const chair = await loggedIn(browser, "13800000002", { width: 1366, height: 768 });
  await chair.goto(`/meetings/${meetingId}`);
  const section = chair.locator("#township-attendee");
  await expect(section.getByRole("heading", { name: "镇街工作人员列席" })).toBeVisible();
  await section.getByLabel("选择镇街工作人员").selectOption({ label: "黄预审" });
  await section.getByRole("button", { name: "登记列席" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "已登记镇街工作人员列席" })).toBeVisible();
  await expect(chair.locator("#township-attendee").getByRole("list", { name: "已登记列席" })).toContainText("黄预审（大沥镇（演示），镇街工作人员）");
  await expectAccessible(chair, "meeting page with the township's 列席");
  if (SHOTS) await chair.screenshot({ path: `${SHOTS}/township-attendee-1366.png`, fullPage: true });

  // 2. The meeting decides the matter (the pre-review lets the vote open) and the recorder finalizes the minutes.
  const chairSocket = await liveClient(base, (await login(base, "13800000002", PASSWORD)) ?? "");
  const call = async (event: string, payload: Record<string, unknown>) => {
    const reply = await chairSocket.call<Record<string, unknown>>(event, { meetingId, ...payload });
    expect(reply, event).toMatchObject({ ok: true });
    return reply.ok ? reply.data : {};
  };
  await call("meeting:open", {});
  const joined = (await call("meeting:join", {})) as { view: { roster: { personId: string }[] } };
  for (const person of joined.view.roster) await call("meeting:attendance", { personId: person.personId, status: "present_in_person" });
  await call("meeting:startItem", {});
  const opened = (await call("vote:open", { text: "同意村道硬化工程方案", method: "hands_totals", matterKind: "general" })) as { result: { motionId: string } };
  const motionId = opened.result.motionId;
  await call("vote:totals", { motionId, kind: "totals", yes: joined.view.roster.length, no: 0, abstain: 0 });
  await call("vote:close", { motionId });
  await call("vote:announce", { motionId });
  await call("meeting:adjourn", {});
  chairSocket.close();
  const recorderSocket = await liveClient(base, (await login(base, "13800000003", PASSWORD)) ?? "");
  const finalized = await recorderSocket.call<{ versionId: string }>("minutes:finalize", { meetingId });
  recorderSocket.close();
  expect(finalized).toMatchObject({ ok: true });
  await chair.context().close();

  // 3. The reviewer, on their own phone, signs the final minutes as a witness.
  const reviewer = await loggedIn(browser, "13800000041", { width: 360, height: 740 });
  await reviewer.goto(`/meetings/${meetingId}/minutes`);
  await expect(reviewer.locator('[data-block="attendance"]')).toContainText("黄预审（大沥镇（演示），镇街工作人员）");
  await expect(reviewer.locator(`[data-block="vote:${motionId}"]`)).toContainText(/已经镇街预审（黄预审，\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/);
  const witness = reviewer.locator("#township-witness");
  await expect(witness.getByRole("heading", { name: "镇街见证" })).toBeVisible();
  await expect(witness).toContainText("还没有镇街工作人员见证签字");
  await witness.getByLabel("我已阅读第 1 版会议记录，作为见证人签字").check();
  await witness.getByRole("button", { name: "作为见证人签字" }).click();
  await expect(reviewer.getByRole("status").filter({ hasText: "已作为见证人签字" })).toBeVisible();
  await expect(reviewer.locator("#township-witness")).toContainText("见证：黄预审（镇街工作人员）");
  await expect(reviewer.locator("#township-witness").getByRole("button", { name: "作为见证人签字" })).toHaveCount(0);
  const overflow = await reviewer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(reviewer, "minutes with the township witness (phone)");
  if (SHOTS) await reviewer.screenshot({ path: `${SHOTS}/township-witness-360.png`, fullPage: true });

  // The print view and the PDF carry the witness and the pre-review too.
  await reviewer.goto(`/meetings/${meetingId}/minutes/print`);
  await expect(reviewer.locator("main")).toContainText("见证：黄预审（镇街工作人员）");
  await expect(reviewer.locator("main")).toContainText("已经镇街预审（黄预审，");
  const pdf = await reviewer.request.get(`/meetings/${meetingId}/minutes/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "yishi-town-")), "minutes.pdf");
  writeFileSync(file, await pdf.body());
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  expect(text).toContain("见证：黄预审（镇街工作人员）");
  expect(text).toContain("已经镇街预审（黄预审，");
  await reviewer.context().close();

  // 4. The township's 镇街监督 opens the village's matter page (read-only) and writes an opinion.
  const supervisor = await loggedIn(browser, "13800000042", { width: 1366, height: 768 });
  // An alert on the township page leads to its village's matter page, which the township may now open.
  const townships = await api<{ id: string; level: string }[]>(base, (await login(base, "13800000042", PASSWORD)) ?? "", "GET", "/api/orgs");
  await supervisor.goto(`/township/${townships.find((o) => o.level === "township")?.id}`);
  const alertLink = supervisor.locator('a[href^="/matters/"]').filter({ hasText: "事项页" }).first();
  const href = (await alertLink.getAttribute("href")) as string;
  await alertLink.click();
  await expect(supervisor).toHaveURL(new RegExp(`${href}$`));
  await expect(supervisor.getByRole("heading", { level: 1 })).not.toHaveText("没有权限");
  await expect(supervisor.getByRole("heading", { name: "各阶段由谁决定、按什么规则" })).toBeVisible();
  await supervisor.goto(`/matters/${matter.id}`);
  await expect(supervisor.getByRole("heading", { level: 1 })).toHaveText(title);
  await supervisor.getByLabel("写镇街监督意见").fill("工程预算须在公示栏列明明细，请村委会补充。");
  await supervisor.getByRole("button", { name: "提交意见" }).click();
  await expect(supervisor.getByRole("status").filter({ hasText: "意见已记录" })).toBeVisible();
  const opinions = supervisor.locator("#opinions");
  await expect(opinions).toContainText("镇街监督意见");
  await expect(opinions).toContainText("工程预算须在公示栏列明明细，请村委会补充。");
  await expect(opinions).toContainText("罗督查");
  await expectAccessible(supervisor, "matter page with a township opinion (laptop)");
  if (SHOTS) await supervisor.screenshot({ path: `${SHOTS}/township-opinion-1366.png`, fullPage: true });
  await supervisor.context().close();

  // 5. Another township's reviewer is refused the page and the JSON.
  const other = await loggedIn(browser, "13800000043", { width: 360, height: 740 });
  await other.goto(`/matters/${matter.id}`);
  await expect(other.getByText(title)).toHaveCount(0);
  await expect(other.getByRole("alert").filter({ hasText: "您没有权限" })).toBeVisible();
  const refused = await other.request.get(`/api/matters/${matter.id}`);
  expect(refused.status()).toBe(403);
  await expectAccessible(other, "matter page refused to another township");
  await other.context().close();
});

test("the township supervisor writes an opinion on a village meeting from the meeting page; a blank one is refused in words", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL ?? "";
  const admin = (await login(base, "13800000001", PASSWORD)) ?? "";
  const orgs = await api<{ id: string; name: string }[]>(base, admin, "GET", "/api/orgs");
  const village = orgs.find((o) => o.name === "平洲村（演示）")?.id as string;
  const bodiesHtml = await (await fetch(`${base}/admin/orgs/${village}/bodies`, { headers: { cookie: admin } })).text();
  const bodyId = /href="\/admin\/bodies\/([^"]+)">平洲村村民代表会议</.exec(bodiesHtml)?.[1];
  const number = `2026年镇街意见${Date.now().toString(36)}`;
  const meeting = await api<{ id: string }>(base, admin, "POST", "/api/admin/meetings", {
    bodyId,
    number,
    title: "村民代表会议（镇街监督）",
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    place: "村文化室",
    // Not open to the public: the township's staff still watch it and read its material (issue #20).
    isPublic: false,
    agenda: [{ title: "村集体资产出租" }],
  });
  const upload = new FormData();
  upload.set("file", new Blob([MATERIAL_PDF], { type: "application/pdf" }), "出租方案.pdf");
  const uploaded = await fetch(`${base}/api/admin/meetings/${meeting.id}/materials`, {
    method: "POST",
    headers: { cookie: admin, accept: "application/json", origin: base },
    body: upload,
  });
  expect(uploaded.status).toBe(200);

  // The 镇街监督 on a 360-px phone (WeChat-sized): the village's meeting page, read-only, with the opinion form.
  const supervisor = await loggedIn(browser, "13800000042", { width: 360, height: 740 });
  await supervisor.goto(`/meetings/${meeting.id}`);
  await expect(supervisor.getByRole("heading", { level: 1 })).toContainText(number);
  const section = supervisor.locator("#opinions");
  await expect(section.getByRole("heading", { name: "监督意见" })).toBeVisible();
  // Only spaces: refused, the page says what was wrong, and nothing is recorded.
  await section.getByLabel("写镇街监督意见").fill("   ");
  await section.getByRole("button", { name: "提交意见" }).click();
  await expect(supervisor.locator("#opinions").getByRole("alert")).toContainText("填写的内容有误");
  await expect(supervisor.locator("#opinions").getByRole("alert")).toContainText("意见内容");
  await expect(supervisor.locator("#opinions")).toContainText("还没有监督意见");
  await expectAccessible(supervisor, "meeting page, refused township opinion (phone)");
  if (SHOTS) await supervisor.screenshot({ path: `${SHOTS}/township-meeting-opinion-error-360.png`, fullPage: true });

  await supervisor.locator("#opinions").getByLabel("写镇街监督意见").fill("会议通知须列明出租期限与底价，请在开会前补充。");
  await supervisor.locator("#opinions").getByRole("button", { name: "提交意见" }).click();
  await expect(supervisor.getByRole("status").filter({ hasText: "意见已记录" })).toBeVisible();
  const opinions = supervisor.locator("#opinions");
  await expect(opinions).toContainText("镇街监督意见");
  await expect(opinions).toContainText("会议通知须列明出租期限与底价，请在开会前补充。");
  await expect(opinions).toContainText("罗督查");
  await expectAccessible(supervisor, "meeting page with a township opinion (phone)");
  if (SHOTS) await supervisor.screenshot({ path: `${SHOTS}/township-meeting-opinion-360.png`, fullPage: true });

  // The meeting's material opens for the township's staff, and so does the live meeting, read-only as an observer's.
  const material = supervisor.getByRole("link", { name: "打开" }).first();
  const materialUrl = (await material.getAttribute("href")) ?? "";
  const opened = await supervisor.request.get(materialUrl);
  expect(opened.status()).toBe(200);
  expect(opened.headers()["content-type"]).toContain("application/pdf");
  await supervisor.getByRole("link", { name: "进入会议" }).click();
  await expect(supervisor.getByRole("heading", { level: 1 })).toContainText(number);
  await expect(supervisor.getByText("您没有权限")).toHaveCount(0);
  await expect(supervisor.getByRole("button", { name: /签到|开始表决/ })).toHaveCount(0);
  await expectAccessible(supervisor, "live meeting watched by the township supervisor (phone)");
  if (SHOTS) await supervisor.screenshot({ path: `${SHOTS}/township-meeting-live-360.png`, fullPage: true });
  await supervisor.context().close();

  // The village's admin sees it on the meeting page, labelled as the township's, with no form to write one; the
  // opinion is in the village's log.
  const adminPage = await loggedIn(browser, "13800000001", { width: 1366, height: 768 });
  await adminPage.goto(`/meetings/${meeting.id}`);
  await expect(adminPage.locator("#opinions")).toContainText("会议通知须列明出租期限与底价，请在开会前补充。");
  await expect(adminPage.locator("#opinions").getByRole("button", { name: "提交意见" })).toHaveCount(0);
  await expectAccessible(adminPage, "meeting page with a township opinion, as the village admin");
  if (SHOTS) await adminPage.screenshot({ path: `${SHOTS}/township-meeting-opinion-admin-1366.png`, fullPage: true });
  await adminPage.context().close();

  // Another township's staff: the meeting page is refused, and the opinion by JSON too.
  const other = await loggedIn(browser, "13800000043", { width: 360, height: 740 });
  await other.goto(`/meetings/${meeting.id}`);
  await expect(other.getByText(number)).toHaveCount(0);
  await expect(other.getByRole("alert").filter({ hasText: "您没有权限" })).toBeVisible();
  const refused = await other.request.post("/api/audit/opinions", {
    data: { orgId: village, meetingId: meeting.id, text: "越权意见" },
    headers: { origin: base },
  });
  expect(refused.status()).toBe(403);
  expect((await other.request.get(materialUrl)).status()).toBe(403);
  await other.context().close();
});
