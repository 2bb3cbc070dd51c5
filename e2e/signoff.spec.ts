import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIResponse, expect, type Page, test } from "@playwright/test";
import { login } from "../server/testing/http";
import { liveClient } from "../server/testing/liveClient";
import { expectAccessible, loggedIn, PASSWORD, WECHAT_UA } from "./helpers";

const SHOTS = process.env.E2E_SHOTS_DIR ?? "";

async function pdfText(response: APIResponse, name: string): Promise<string> {
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^inline;/);
  const file = path.join(SHOTS || mkdtempSync(path.join(tmpdir(), "yishi-e2e-signoff-")), `${name}.pdf`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await response.body());
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
}

/** Screenshots to look at (E2E_SHOTS_DIR): a phone's as the screen shows it, a desktop's whole page. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/** A finished meeting of the demo's representatives: ten present for a vote, then six stay to sign, two without accounts. */
async function finishedMeeting(base: string): Promise<{ meetingId: string; motionId: string; orgId: string }> {
  const admin = (await login(base, "13800000001", PASSWORD)) ?? "";
  const orgs = (await (await fetch(`${base}/api/orgs`, { headers: { cookie: admin } })).json()) as { data: { id: string; name: string }[] };
  const orgId = orgs.data.find((o) => o.name === "平洲村（演示）")?.id ?? "";
  const bodiesHtml = await (await fetch(`${base}/admin/orgs/${orgId}/bodies`, { headers: { cookie: admin } })).text();
  const bodyId = /href="\/admin\/bodies\/([^"]+)">平洲村村民代表会议</.exec(bodiesHtml)?.[1];
  const created = (await (
    await fetch(`${base}/api/admin/meetings`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({
        bodyId,
        number: "2026年第11次",
        title: "村民代表会议（签字演练）",
        startsAt: new Date().toISOString(),
        place: "村文化室",
        agenda: [{ title: "村道路灯维修" }],
      }),
    })
  ).json()) as { data: { id: string } };
  const meetingId = created.data.id;
  const chair = await liveClient(base, (await login(base, "13800000002", PASSWORD)) ?? "");
  const call = async (event: string, payload: Record<string, unknown> = {}) => {
    const reply = await chair.call<Record<string, unknown>>(event, { meetingId, ...payload });
    expect(reply, event).toMatchObject({ ok: true });
    return reply.ok ? reply.data : {};
  };
  await call("meeting:open");
  const joined = (await call("meeting:join")) as { view: { roster: { personId: string; name: string }[] } };
  const byName = (name: string) => joined.view.roster.find((m) => m.name === name)?.personId;
  const stay = ["陈国强", "梁丽娟", "黄锦华", "李淑芬", "陈志明", "黄子健"];
  const leave = joined.view.roster.filter((m) => !stay.includes(m.name)).slice(0, 4);
  for (const personId of [...stay.map(byName), ...leave.map((m) => m.personId)]) await call("meeting:attendance", { personId, status: "present_in_person" });
  await call("meeting:startItem");
  const opened = (await call("vote:open", { text: "同意维修村道路灯", method: "hands_totals", matterKind: "general" })) as { result: { motionId: string } };
  const motionId = opened.result.motionId;
  await call("vote:totals", { motionId, kind: "totals", yes: 9, no: 0, abstain: 1 });
  await call("vote:close", { motionId });
  await call("vote:announce", { motionId });
  for (const person of leave) await call("meeting:attendance", { personId: person.personId, status: "absent" });
  await call("meeting:adjourn");
  chair.close();
  return { meetingId, motionId, orgId };
}

test("minutes reach all signed with a paper signature (scan uploaded) and an assisted one two witnesses confirm on their phones", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL ?? "";
  const { meetingId, motionId, orgId } = await finishedMeeting(base);
  const minutesPath = `/meetings/${meetingId}/minutes`;
  const recorder = await loggedIn(browser, "13800000003", { width: 1366, height: 768 });
  await recorder.goto(minutesPath);
  await recorder.getByLabel(/我已核对全文/).check();
  await recorder.getByRole("button", { name: "定稿", exact: true }).click();
  await expect(recorder.getByText("已定稿，请各位签字。")).toBeVisible();
  const hash = (await recorder.locator(".minutes-status .hash").innerText()).trim();

  // The chair, the recorder and the two witnesses sign on their own phones (over the same form post the page uses).
  for (const phone of ["13800000002", "13800000003", "13800000004", "13800000005"]) {
    const cookie = (await login(base, phone, PASSWORD)) ?? "";
    const status = await (
      await fetch(`${base}/api/minutes/${meetingId}/sign`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", origin: base },
        body: "{}",
      })
    ).json();
    expect(status).toMatchObject({ ok: true });
  }

  // The printable sign-in sheet has a line for each of the six, and the version's checksum; its PDF too.
  await recorder.getByRole("link", { name: "打印签到表" }).click();
  await expect(recorder.getByRole("heading", { name: /签到表/ })).toBeVisible();
  await expect(recorder.locator(".sheet-table tbody tr")).toHaveCount(6);
  await expect(recorder.getByText(hash)).toBeVisible();
  await expectAccessible(recorder, "sign-in sheet");
  await shot(recorder, "sheet-1366");
  const sheet = await pdfText(await recorder.request.get(`${minutesPath}/sheet/pdf`), "sheet");
  for (const expected of ["签到表", "陈志明", "黄子健", "签字（或按手印）", hash]) expect(sheet).toContain(expected);
  await recorder.goto(minutesPath);

  // Refused with words: a witness who is the attendee themself.
  await recorder.getByLabel("代书的参会人").selectOption({ label: "黄子健" });
  await recorder.getByLabel("见证人一").selectOption({ label: "黄锦华" });
  await recorder.getByLabel("见证人二").selectOption({ label: "黄锦华" });
  await recorder.getByLabel(/我确认本人在场/).check();
  await recorder.getByRole("button", { name: "登记代书，请见证人确认" }).click();
  await expect(recorder.locator(".alert[role=alert]")).toHaveText("两位见证人不能是同一个人，请另选一位。");

  // (a) Paper: 陈志明 signed the printed sheet; the recorder uploads its scan.
  await expectAccessible(recorder, "signature forms");
  await recorder.getByRole("group", { name: "在这页上签字的人" }).getByLabel("陈志明").check();
  const scan = await recorder.screenshot();
  await recorder.getByLabel("签字页的照片或扫描件").setInputFiles({ name: "签到表.png", mimeType: "image/png", buffer: scan });
  await recorder.getByLabel(/我确认勾选的人已在纸质签到表上亲笔签字/).check();
  await recorder.getByRole("button", { name: "上传并登记" }).click();
  await expect(recorder.getByText("已登记纸质签字。")).toBeVisible();
  await expect(recorder.locator('[data-signer="陈志明"]')).toContainText("纸质签字");
  const scanHref = (await recorder.locator('[data-signer="陈志明"]').getByRole("link", { name: "查看扫描件" }).getAttribute("href")) ?? "";
  const scanFile = await recorder.request.get(scanHref);
  expect(scanFile.headers()["content-type"]).toBe("image/png");
  expect(Buffer.compare(await scanFile.body(), scan)).toBe(0);

  // (b) 代书 for 黄子健, witnessed by 黄锦华 and 李淑芬.
  await recorder.getByLabel("代书的参会人").selectOption({ label: "黄子健" });
  await recorder.getByLabel("见证人一").selectOption({ label: "黄锦华" });
  await recorder.getByLabel("见证人二").selectOption({ label: "李淑芬" });
  await recorder.getByLabel(/我确认本人在场/).check();
  await recorder.getByRole("button", { name: "登记代书，请见证人确认" }).click();
  await expect(recorder.getByText("已登记代书，请两位见证人在各自手机上确认。")).toBeVisible();
  await expect(recorder.locator('[data-signer="黄子健"]')).toContainText("代书待见证：黄锦华未确认，李淑芬未确认");
  await expect(recorder.getByText("所有应签字人已签字，会议记录已归档。")).toHaveCount(0);
  await shot(recorder, "recorder-1366");

  for (const [phone, name] of [
    ["13800000004", "first"],
    ["13800000005", "second"],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", userAgent: WECHAT_UA });
    const witness = await context.newPage();
    await witness.goto("/login");
    await witness.getByLabel("手机号").fill(phone);
    await witness.getByLabel("密码").fill(PASSWORD);
    await witness.getByRole("button", { name: "登录", exact: true }).click();
    await expect(witness).toHaveURL(/\/me$/);
    await witness.goto(minutesPath);
    const card = witness.getByRole("region", { name: "请您见证代书签字" });
    await expect(card).toBeInViewport();
    await expect(card).toContainText("黄子健");
    await expectAccessible(witness, `witness (${name}) on a phone`);
    await shot(witness, `witness-${name}-360`, false);
    await card.getByLabel(/我在现场看到黄子健本人在场/).check();
    await card.getByRole("button", { name: "确认见证" }).click();
    await expect(witness.locator(".notice[role=status]")).toHaveText(
      name === "first" ? "已确认见证。两位见证人都确认后，代书签字生效。" : "已确认见证。两位见证人都已确认，代书签字已生效。",
    );
    // The first sees their confirmation waiting for the other; after the second, the 代书 counts as a signature.
    if (name === "first") await expect(witness.getByText("您已确认见证黄子健的代书签字。")).toBeVisible();
    else await expect(witness.locator('[data-signer="黄子健"]')).toContainText("代书（见证人：黄锦华、李淑芬）");
    await shot(witness, `witness-${name}-done-360`, false);
    await context.close();
  }

  await recorder.reload();
  await expect(recorder.getByText("所有应签字人已签字，会议记录已归档。")).toBeVisible();
  await expect(recorder.locator('[data-signer="黄子健"]')).toContainText("代书（见证人：黄锦华、李淑芬）");
  await expect(recorder.locator('[data-signer="黄锦华"]')).toContainText("本人手机签字");
  await shot(recorder, "recorder-all-signed-1366");

  // The PDF says for each how they signed.
  const minutes = await pdfText(await recorder.request.get(`${minutesPath}/pdf`), "minutes");
  for (const expected of ["陈志明（参会人）：纸质签字", "黄子健（参会人）：代书（见证人：黄锦华、李淑芬）", "黄锦华（参会人）：本人手机签字", hash])
    expect(minutes).toContain(expected);
  // WeChat shows no PDF: it gets the printable page with the hint to open the browser; other browsers get no hint.
  const wechat = await browser.newContext({ userAgent: WECHAT_UA, locale: "zh-CN" });
  const wechatPage = await wechat.newPage();
  await wechatPage.goto(`${minutesPath}/sheet/pdf`);
  await expect(wechatPage.locator(".wechat-hint")).toContainText("在浏览器打开");
  await wechat.close();
  await recorder.goto(`${minutesPath}/sheet`);
  await expect(recorder.locator(".wechat-hint")).toHaveCount(0);

  // The supervisor's evidence page says which way each signed, and opens the scan.
  const supervisor = await loggedIn(browser, "13800000009", { width: 1366, height: 768 });
  await supervisor.goto(`/supervise/${orgId}/decisions/${motionId}`);
  await expect(supervisor.locator('[data-signer="陈志明"]')).toContainText("纸质签字");
  await expect(supervisor.locator('[data-signer="黄子健"]')).toContainText("代书（见证人：黄锦华、李淑芬）");
  const evidenceScan = await supervisor.request.get(
    (await supervisor.locator('[data-signer="陈志明"]').getByRole("link", { name: "查看扫描件" }).getAttribute("href")) ?? "",
  );
  expect(evidenceScan.status()).toBe(200);
  await expectAccessible(supervisor, "evidence with signatures");
  await supervisor.locator('[data-signer="陈志明"]').scrollIntoViewIfNeeded();
  await shot(supervisor, "evidence-signatures-1366", false);
});

test("a meeting's PDF material opens inline; in WeChat the page says to open the browser and offers no download", async ({ browser, baseURL }) => {
  const base = baseURL ?? "";
  const admin = (await login(base, "13800000001", PASSWORD)) ?? "";
  const orgs = (await (await fetch(`${base}/api/orgs`, { headers: { cookie: admin } })).json()) as { data: { id: string; name: string }[] };
  const orgId = orgs.data.find((o) => o.name === "平洲村（演示）")?.id ?? "";
  const bodiesHtml = await (await fetch(`${base}/admin/orgs/${orgId}/bodies`, { headers: { cookie: admin } })).text();
  const bodyId = /href="\/admin\/bodies\/([^"]+)">平洲村村民代表会议</.exec(bodiesHtml)?.[1];
  const meeting = (await (
    await fetch(`${base}/api/admin/meetings`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({
        bodyId,
        number: "2026年第12次",
        title: "村民代表会议（材料）",
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        place: "村文化室",
        agenda: [{ title: "预算" }],
      }),
    })
  ).json()) as { data: { id: string } };
  const form = new FormData();
  form.set("file", new Blob([new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")], { type: "application/pdf" }), "预算说明.pdf");
  const uploaded = (await (
    await fetch(`${base}/api/admin/meetings/${meeting.data.id}/materials`, {
      method: "POST",
      headers: { cookie: admin, accept: "application/json", origin: base },
      body: form,
    })
  ).json()) as { ok: boolean };
  expect(uploaded.ok).toBe(true);

  for (const inWeChat of [true, false]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", ...(inWeChat ? { userAgent: WECHAT_UA } : {}) });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("手机号").fill("13800000004");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(/\/me$/);
    await page.goto(`/meetings/${meeting.data.id}`);
    const material = page.locator("li.card", { hasText: "预算说明.pdf" });
    await expect(material.getByRole("link", { name: "打开" })).toBeVisible();
    if (inWeChat) {
      await expect(material.getByRole("note")).toContainText("在浏览器打开");
      await expect(material.getByRole("link", { name: "下载" })).toHaveCount(0);
      await expectAccessible(page, "meeting page in WeChat");
      await shot(page, "material-wechat-360", false);
    } else {
      await expect(material.getByRole("note")).toHaveCount(0);
      await expect(material.getByRole("link", { name: "下载" })).toBeVisible();
    }
    const opened = await page.request.get((await material.getByRole("link", { name: "打开" }).getAttribute("href")) ?? "");
    expect(opened.headers()["content-disposition"]).toMatch(/^inline;/);
    await context.close();
  }
});
