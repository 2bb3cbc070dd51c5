import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { login } from "../server/testing/http";
import { type LiveClient, liveClient } from "../server/testing/liveClient";
import { expectAccessible, loggedIn, PASSWORD } from "./helpers";

const loggedInDesktop = (browser: Browser, phone: string) => loggedIn(browser, phone, { width: 1280, height: 900 });

/** The text of a free-text section as typed: without the other editors' caret labels drawn inside it. */
function typedText(page: Page, blockId: string): Promise<string> {
  return page.locator(`[data-section="${blockId}"]`).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return copy.textContent ?? "";
  });
}

/** A meeting of the demo's representatives' meeting of our own, so that no other scenario shares its state. */
async function scheduleOwnMeeting(baseURL: string): Promise<string> {
  const admin = (await login(baseURL, "13800000001", PASSWORD)) ?? "";
  const orgs = (await (await fetch(`${baseURL}/api/orgs`, { headers: { cookie: admin } })).json()) as { data: { id: string; name: string }[] };
  const village = orgs.data.find((o) => o.name === "平洲村（演示）");
  const bodiesHtml = await (await fetch(`${baseURL}/admin/orgs/${village?.id}/bodies`, { headers: { cookie: admin } })).text();
  const bodyId = /href="\/admin\/bodies\/([^"]+)">平洲村村民代表会议</.exec(bodiesHtml)?.[1];
  const response = await fetch(`${baseURL}/api/admin/meetings`, {
    method: "POST",
    headers: { cookie: admin, "content-type": "application/json" },
    body: JSON.stringify({
      bodyId,
      number: "2026年第9次",
      title: "村民代表会议（记录演练）",
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      place: "村文化室",
      agenda: [{ title: "村级公益事业一事一议筹资方案" }],
    }),
  });
  const created = (await response.json()) as { ok: boolean; data: { id: string } };
  expect(created.ok).toBe(true);
  return created.data.id;
}

test("collaborative minutes: two editors in one paragraph, a live observer, locked record blocks, finalize, sign-off and the PDF", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  const meetingId = await scheduleOwnMeeting(base);
  const chairSocket: LiveClient = await liveClient(base, (await login(base, "13800000002", PASSWORD)) ?? "");
  const call = async (event: string, payload: Record<string, unknown>) => {
    const reply = await chairSocket.call<Record<string, unknown>>(event, { meetingId, ...payload });
    expect(reply, event).toMatchObject({ ok: true });
    return reply.ok ? reply.data : {};
  };
  // The roll call, from the chair's console: the three demo accounts and seven more, 10 of 15 (VCOL 26).
  await call("meeting:open", {});
  const joined = (await call("meeting:join", {})) as { view: { roster: { personId: string; name: string }[] } };
  const withAccounts = ["陈国强", "梁丽娟", "黄锦华"];
  const others = joined.view.roster.filter((m) => !withAccounts.includes(m.name)).slice(0, 7);
  for (const person of [...joined.view.roster.filter((m) => withAccounts.includes(m.name)), ...others]) {
    await call("meeting:attendance", { personId: person.personId, status: "present_in_person" });
  }

  const minutesPath = `/meetings/${meetingId}/minutes`;
  const chair = await loggedInDesktop(browser, "13800000002");
  const recorder = await loggedInDesktop(browser, "13800000003");
  const observer = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" })).newPage();
  for (const page of [chair, recorder, observer]) await page.goto(minutesPath);
  for (const page of [chair, recorder, observer]) await expect(page.getByText("已连接，内容实时保存")).toBeVisible();
  await expect(recorder.locator('[data-block="attendance"]')).toContainText("实到10人");

  // 1. Two editors in the same paragraph at once: each sees the other's text and named caret.
  const recorderText = recorder.locator('[data-section="header"]');
  const chairText = chair.locator('[data-section="header"]');
  await recorderText.click();
  await recorder.keyboard.type("会议由陈国强主持。");
  await expect.poll(() => typedText(chair, "header")).toBe("会议由陈国强主持。");
  await chairText.click();
  await chair.keyboard.press("Home");
  await recorderText.click();
  await recorder.keyboard.press("End");
  await Promise.all([recorder.keyboard.type("全体代表审议了方案。", { delay: 40 }), chair.keyboard.type("上午九点半，", { delay: 40 })]);
  const both = "上午九点半，会议由陈国强主持。全体代表审议了方案。";
  for (const page of [chair, recorder]) await expect.poll(() => typedText(page, "header")).toBe(both);
  await expect(chair.locator(".collaboration-carets__label", { hasText: "梁丽娟" })).toBeVisible();
  await expect(recorder.locator(".collaboration-carets__label", { hasText: "陈国强" })).toBeVisible();
  // The editor with text and another editor's named caret in it.
  await expectAccessible(recorder, "minutes editor");

  // 2. The observer, not logged in, reads along live and cannot type.
  await expect.poll(() => typedText(observer, "header")).toBe(both);
  await expect(observer.locator('[data-section="header"]')).toHaveAttribute("contenteditable", "false");
  await expectAccessible(observer, "minutes, read-only");

  // 3. The header and attendance blocks come from the record and cannot be edited.
  for (const id of ["header", "attendance"]) {
    const lockedBlock = recorder.locator(`[data-block="${id}"]`);
    const before = await lockedBlock.textContent();
    await expect(lockedBlock.locator("[contenteditable]")).toHaveCount(0);
    await lockedBlock.locator("dd").first().click();
    await recorder.keyboard.type("篡改");
    await recorder.keyboard.press("Backspace");
    expect(await lockedBlock.textContent()).toBe(before);
  }
  await expect(chair.locator("main")).not.toContainText("篡改");

  // 4. A vote's result block appears when the vote closes, and it cannot be edited either.
  await call("meeting:startItem", {});
  const opened = (await call("vote:open", { text: "同意一事一议筹资方案", method: "hands_totals", matterKind: "general" })) as { result: { motionId: string } };
  const motionId = opened.result.motionId;
  await call("vote:totals", { motionId, kind: "totals", yes: 8, no: 1, abstain: 1 });
  await expect(recorder.locator(`[data-block="vote:${motionId}"]`)).toHaveCount(0);
  await call("vote:close", { motionId });
  const voteBlock = recorder.locator(`[data-block="vote:${motionId}"]`);
  await expect(voteBlock).toContainText("同意8票，反对1票，弃权1票", { timeout: 5_000 });
  await expect(chair.locator(`[data-block="vote:${motionId}"]`)).toContainText("通过");
  await expect(voteBlock.locator("[contenteditable]")).toHaveCount(0);
  await recorder.locator(`[data-section="vote:${motionId}"]`).click();
  await recorder.keyboard.type("表决后，黄锦华建议分两期筹资。");
  await expect.poll(() => typedText(observer, `vote:${motionId}`)).toBe("表决后，黄锦华建议分两期筹资。");
  await call("vote:announce", { motionId });
  // Seven leave before the end; those still present sign the minutes with the chair and the recorder.
  for (const person of others) await call("meeting:attendance", { personId: person.personId, status: "absent" });
  await call("meeting:adjourn", {});
  chairSocket.close();

  // 5. The recorder finalizes; every required signer signs.
  await recorder.reload();
  await recorder.getByLabel(/我已核对全文/).check();
  await recorder.getByRole("button", { name: "定稿", exact: true }).click();
  await expect(recorder.getByText("已定稿，请各位签字。")).toBeVisible();
  const hash = (await recorder.locator(".minutes-status .hash").innerText()).trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(recorder.locator('[data-section="header"]')).toHaveAttribute("contenteditable", "false");
  await expectAccessible(recorder, "minutes, finalized for signing");
  const member = await loggedInDesktop(browser, "13800000004");
  await member.goto(minutesPath);
  for (const page of [chair, member, recorder]) {
    await page.goto(minutesPath);
    await page.getByLabel(/我已阅读第1版全文/).check();
    await page.getByRole("button", { name: "签字确认" }).click();
    await expect(page.getByText("您已签字。")).toBeVisible();
  }
  await expect(recorder.getByText("所有应签字人已签字，会议记录已归档。")).toBeVisible();

  // 6. The PDF opens in the browser (inline, not a download) and its text is the record.
  const pdfHref = (await member.getByRole("link", { name: "打开 PDF" }).getAttribute("href")) ?? "";
  const pdf = await member.request.get(pdfHref);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline;/);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "yishi-e2e-minutes-")), "minutes.pdf");
  writeFileSync(file, await pdf.body());
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  for (const expected of [
    "上午九点半，会议由陈国强主持。全体代表审议了方案。",
    "表决后，黄锦华建议分两期筹资。",
    "同意8票，反对1票，弃权1票",
    "实到：3人",
    hash,
  ]) {
    expect(text).toContain(expected);
  }
});
