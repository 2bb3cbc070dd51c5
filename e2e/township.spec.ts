/**
 * The township dashboard (issue #20 items 3 and 5): the village admin asks for the township's legality pre-review of a
 * land-compensation matter above the township's amount; the chair cannot open its vote until the township's reviewer
 * approves it on the dashboard; the vote then opens on a matter still at S0, and the dashboard, filtered to that
 * village, kind and rule (四议两公开 in order), turns the village from green to red with the reason in words. The
 * stage and kind filters narrow the list; the weekly CSV and JSON carry the same rows; another township is refused.
 * The township's supervisor reads it on a phone; the admin changes a threshold on the settings page.
 */
import { mkdirSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { login } from "../server/testing/http";
import { liveClient } from "../server/testing/liveClient";
import { expectAccessible, loggedIn, PASSWORD } from "./helpers";

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 360, height: 740 };
const VILLAGE = "平洲村（演示）";

/** Screenshots for a person to look at, only when asked: E2E_SCREENSHOTS=<folder>. */
async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/township-${name}.png`, fullPage: true });
}

async function api<T = Record<string, unknown>>(page: Page, method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
  const response = method === "GET" ? await page.request.get(path) : await page.request.post(path, { data, headers: { accept: "application/json" } });
  const json = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!json.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.error)}`);
  return json.data;
}

async function noOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The township's dashboard, reached as its staff reach it: from their home page. */
async function openDashboard(browser: Browser, phone: string, viewport: { width: number; height: number }): Promise<{ page: Page; townshipId: string }> {
  const page = await loggedIn(browser, phone, viewport);
  await page.getByRole("link", { name: "大沥镇（演示） 镇街工作台" }).click();
  await expect(page).toHaveURL(/\/township\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("大沥镇（演示） 镇街工作台");
  return { page, townshipId: new URL(page.url()).pathname.split("/")[2] ?? "" };
}

/** A minimal CSV reader for the export's own format (quoted fields with doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

type WeeklyJson = { week: { start: string; end: string }; rows: Record<string, string>[]; villages: { name: string; red: number }[] };

test("pre-review approved on the dashboard, the vote opens, the village turns red for the stage rule; filters, weekly exports, another township refused", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const base = baseURL ?? "";
  const title = `征地补偿款分配方案${Date.now().toString(36)}`;

  // The village admin: a land-compensation matter of 2,000,000 yuan (the demo township pre-reviews from 100,000), on
  // the agenda of a representatives' meeting of its own; the pre-review is asked for on the matter's page.
  const admin = await loggedIn(browser, "13800000001", DESKTOP);
  const orgs = await api<{ id: string; name: string }[]>(admin, "GET", "/api/orgs");
  const villageId = orgs.find((o) => o.name === VILLAGE)?.id ?? "";
  const bodiesPage = await (await admin.request.get(`/admin/orgs/${villageId}/bodies`)).text();
  const bodyId = /href="\/admin\/bodies\/([^"/?#]+)"[^>]*>\s*平洲村村民代表会议\s*</.exec(bodiesPage)?.[1] ?? "";
  const { id: matterId } = await api<{ id: string }>(admin, "POST", "/api/admin/matters", {
    orgId: villageId,
    title,
    source: "villagers",
    kind: "land-compensation",
    amountYuan: 2_000_000,
  });
  const { id: meetingId } = await api<{ id: string }>(admin, "POST", "/api/admin/meetings", {
    bodyId,
    number: `预审${Date.now().toString(36)}`,
    title: "村民代表会议（预审演练）",
    startsAt: new Date().toISOString(),
    place: "村委会",
    agenda: [{ title, matterId }],
  });
  await admin.goto(`/matters/${matterId}`);
  await admin.getByRole("button", { name: "申请镇街合法性预审" }).click();
  await expect(admin.getByTestId("prereview-status")).toContainText("已申请，等待镇街预审");
  await admin.context().close();

  // The chair opens the meeting, marks 10 of 15 present and tries to open the vote: refused, in words.
  const chair = await loggedIn(browser, "13800000002", DESKTOP);
  await chair.goto(`/meetings/${meetingId}/live`);
  await chair.getByRole("button", { name: "宣布开会" }).click();
  const socket = await liveClient(base, (await login(base, "13800000002", PASSWORD)) ?? "");
  const joined = await socket.call<{ view: { roster: { personId: string }[] } }>("meeting:join", { meetingId });
  expect(joined.ok).toBe(true);
  const roster = joined.ok ? joined.data.view.roster : [];
  for (const person of roster.slice(0, 10)) {
    const marked = await socket.call("meeting:attendance", { meetingId, personId: person.personId, status: "present_in_person" });
    expect(marked.ok).toBe(true);
  }
  socket.close();
  await chair.getByRole("button", { name: "下一议题" }).click();
  await chair.getByLabel("表决事项").fill(`同意${title}`);
  await chair.getByLabel("表决方式").selectOption({ label: "举手表决（只计总数）" });
  await chair.getByRole("button", { name: "开始表决" }).click();
  await expect(chair.getByText("本事项须经镇街合法性预审通过后才能开始表决")).toBeVisible();
  await shot(chair, "chair-refused");

  // The township's reviewer: the village is green for the rule before the vote (filters set on the page, in the URL).
  const { page: reviewer, townshipId } = await openDashboard(browser, "13800000041", DESKTOP);
  await reviewer.getByLabel("村（社区）").selectOption({ label: VILLAGE });
  await reviewer.getByLabel("事项类别").selectOption({ label: "土地补偿费分配、使用" });
  await reviewer.getByLabel("规则").selectOption({ label: "前序阶段未完成即表决" });
  await reviewer.getByRole("button", { name: "筛选" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`village=${villageId}.*kind=land-compensation.*code=stage_incomplete`));
  const filtered = reviewer.url();
  const row = reviewer.locator(`tr[data-village="${VILLAGE}"]`);
  await expect(row).toHaveAttribute("data-level", "green");
  await expect(row).toContainText("绿色：未发现问题");
  await expect(reviewer.locator("[data-code]", { hasText: title })).toHaveCount(0);
  await expectAccessible(reviewer, "township dashboard, filtered");
  await noOverflow(reviewer);
  await shot(reviewer, "dashboard-green-1366");

  // The pre-review, approved from the dashboard's list.
  const request = reviewer.locator("[data-prereview]", { hasText: title });
  await request.getByRole("button", { name: "预审通过" }).click();
  await expect(reviewer.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await expect(reviewer.locator("[data-prereview]", { hasText: title })).toHaveCount(0);

  // The chair can now open the vote on that matter.
  await chair.getByLabel("表决事项").fill(`同意${title}`);
  await chair.getByLabel("表决方式").selectOption({ label: "举手表决（只计总数）" });
  await chair.getByRole("button", { name: "开始表决" }).click();
  await expect(chair.locator(".motion .vote-rule")).toBeVisible();
  // The console records, in words, that the matter was put to the vote before its earlier stages were done.
  await expect(chair.getByRole("listitem").filter({ hasText: `议题「${title}」所涉事项尚处于「动议」阶段` })).toBeVisible();
  await shot(chair, "chair-vote-open");
  await chair.goto(`/matters/${matterId}`);
  await expect(chair.getByTestId("prereview-status")).toContainText("已经镇街预审：镇街工作人员 黄预审");
  await chair.context().close();

  // The vote was taken on a matter still at S0 动议: red, with the reason and the rule in words.
  await reviewer.goto(filtered);
  await expect(row).toHaveAttribute("data-level", "red");
  const alert = reviewer.locator("[data-code=stage_incomplete]", { hasText: title });
  await expect(alert).toHaveClass(/alert-red/);
  await expect(alert).toContainText(`议题「${title}」所涉事项尚处于「动议」阶段，「党员大会审议」尚未完成即付表决。`);
  await expect(alert).toContainText("“四议两公开”须依次进行：提议、商议、审议、决议");
  await expect(alert).toContainText(`事项：${title}（S0 动议，土地补偿费分配、使用）`);
  await expect(alert.getByRole("link", { name: /查看证据/ })).toHaveAttribute("href", /\/supervise\/[^/]+\/decisions\/[^/]+$/);
  await expectAccessible(reviewer, "township dashboard, red");
  await shot(reviewer, "dashboard-red-1366");

  // Stage and kind filters: the matter is at S0 动议 and of kind 土地补偿费分配、使用.
  const withFilter = (key: string, value: string) => {
    const url = new URL(filtered);
    url.searchParams.set(key, value);
    return url.toString();
  };
  await reviewer.goto(withFilter("stage", "raised"));
  await expect(reviewer.getByLabel("事项阶段")).toHaveValue("raised");
  await expect(alert).toHaveCount(1);
  await reviewer.goto(withFilter("stage", "decision"));
  await expect(alert).toHaveCount(0);
  await expect(row).toHaveAttribute("data-level", "green");
  await reviewer.goto(withFilter("kind", "general"));
  await expect(alert).toHaveCount(0);
  const apiAlerts = await api<{ alerts: { code: string; matter: { id: string; stage: string; kind: string } | null }[] }>(
    reviewer,
    "GET",
    `/api/township/${townshipId}/overview?village=${villageId}&stage=raised&kind=land-compensation`,
  );
  expect(apiAlerts.alerts.length).toBeGreaterThan(0);
  expect(apiAlerts.alerts.every((a) => a.matter?.stage === "raised" && a.matter.kind === "land-compensation")).toBe(true);
  expect(apiAlerts.alerts.some((a) => a.code === "stage_incomplete" && a.matter?.id === matterId)).toBe(true);

  // The weekly summary of this week: the page, the JSON and the CSV carry the same rows.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const query = `week=${today}&village=${villageId}&kind=land-compensation&code=stage_incomplete`;
  const weekly = await api<WeeklyJson>(reviewer, "GET", `/api/township/${townshipId}/weekly?${query}`);
  const ours = weekly.rows.find((r) => r.matter_id === matterId);
  expect(ours).toMatchObject({ village: VILLAGE, level: "red", code: "stage_incomplete", matter_kind: "land-compensation", matter_stage: "raised" });
  expect(weekly.villages.find((v) => v.name === VILLAGE)?.red).toBe(weekly.rows.length);
  const csvResponse = await reviewer.request.get(`/api/township/${townshipId}/weekly/csv?${query}`);
  expect(csvResponse.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const csvBytes = await csvResponse.body();
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...lines] = parseCsv(csvBytes.subarray(3).toString("utf8"));
  expect(header?.slice(0, 5)).toEqual(["week_start", "village", "organization", "level", "code"]);
  const records = lines.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? ""])));
  expect(records).toEqual(weekly.rows);
  const pdf = await reviewer.request.get(`/api/township/${townshipId}/weekly/pdf?${query}`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline;/);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await reviewer.goto(`/township/${townshipId}/weekly?${query}`);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("大沥镇（演示） 合规周报");
  await expect(reviewer.locator("[data-alert]")).toHaveCount(weekly.rows.length);
  await expect(reviewer.locator(`[data-alert="${ours?.alert_id}"]`)).toContainText(title);
  await expectAccessible(reviewer, "weekly summary");
  await noOverflow(reviewer);
  await shot(reviewer, "weekly-1366");
  await reviewer.context().close();

  // Another township's staff: refused everywhere, nothing of 大沥镇 shown.
  const other = await loggedIn(browser, "13800000043", DESKTOP);
  for (const path of [`/api/township/${townshipId}/overview`, `/api/township/${townshipId}/weekly`, `/api/township/${townshipId}/weekly/csv`]) {
    const refused = await other.request.get(path);
    expect(refused.status(), path).toBe(403);
  }
  await other.goto(`/township/${townshipId}`);
  await expect(other.locator(".alert[role=alert]")).toBeVisible();
  await expect(other.locator("[data-village]")).toHaveCount(0);
  await other.goto(`/township/${townshipId}/weekly`);
  await expect(other.locator("[data-alert]")).toHaveCount(0);
  await expect(other.locator(".alert[role=alert]")).toBeVisible();
  await other.context().close();
});

test("on a phone: the supervisor reads the filtered dashboard and the weekly summary; the admin sets a threshold with errors in words", async ({ browser }) => {
  test.setTimeout(240_000);
  const { page: supervisor, townshipId } = await openDashboard(browser, "13800000042", PHONE);
  await supervisor.goto(`/township/${townshipId}?level=red`);
  await expect(supervisor.getByLabel("颜色")).toHaveValue("red");
  await expect(supervisor.locator("[data-code].alert-yellow, [data-code].alert-green")).toHaveCount(0);
  await expect(supervisor.locator("[data-prereview] button")).toHaveCount(0);
  await noOverflow(supervisor);
  await expectAccessible(supervisor, "township dashboard (phone)");
  await shot(supervisor, "dashboard-360");
  await supervisor.getByRole("link", { name: "周报（打印、PDF、CSV、JSON）" }).click();
  await expect(supervisor.getByRole("heading", { level: 1 })).toHaveText("大沥镇（演示） 合规周报");
  await expect(supervisor.getByText(/（北京时间，周一至周日）/)).toBeVisible();
  await noOverflow(supervisor);
  await expectAccessible(supervisor, "weekly summary (phone)");
  await shot(supervisor, "weekly-360");
  await supervisor.goto(`/township/${townshipId}/settings`);
  await expect(supervisor.getByText("只有镇街管理员可以修改这些设置")).toBeVisible();
  await expect(supervisor.getByRole("button", { name: "保存设置" })).toHaveCount(0);
  await supervisor.context().close();

  const admin = await loggedIn(browser, "13800000040", PHONE);
  await admin.goto(`/township/${townshipId}/settings`);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("大沥镇（演示） 预审与提示设置");
  const minutes = admin.getByLabel("散会后几日内须签署会议记录（日）");
  await expect(minutes).toHaveValue("7");
  await expect(admin.locator("#alert-minutesSignedWithinDays-hint")).toHaveText("默认值：7 · 可填 1 至 90");
  await expect(admin.getByLabel("涉及集体资产、资金达到此金额（元）须预审")).toHaveValue("100000");
  await expect(admin.getByRole("checkbox", { name: /制定、修改章程/ })).toBeChecked();
  await expectAccessible(admin, "township settings (phone)");
  await noOverflow(admin);
  await shot(admin, "settings-360");

  await minutes.fill("0");
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "“散会后几日内须签署会议记录（日）” 须为 1 至 90 之间的整数，未保存。" })).toBeVisible();
  await expect(admin.getByLabel("散会后几日内须签署会议记录（日）")).toHaveValue("7");
  await shot(admin, "settings-error-360");

  await admin.getByLabel("散会后几日内须签署会议记录（日）").fill("10");
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await expect(admin.getByLabel("散会后几日内须签署会议记录（日）")).toHaveValue("10");
  await expect(admin.getByRole("checkbox", { name: /制定、修改章程/ })).toBeChecked();
  // Back to the law's default, so that no other scenario sees the township's changed threshold.
  await admin.getByLabel("散会后几日内须签署会议记录（日）").fill("7");
  await admin.getByRole("button", { name: "保存设置" }).click();
  await expect(admin.getByLabel("散会后几日内须签署会议记录（日）")).toHaveValue("7");
  await admin.context().close();
});
