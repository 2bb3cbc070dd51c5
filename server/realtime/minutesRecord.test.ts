/**
 * The minutes as a record, over the real server: the locked blocks follow attendance and votes as the live meeting
 * runs, finalizing freezes a hashed text into the audit log, every required signer signs, the meeting is archived
 * with a checkpoint, the PDF carries the text (pdftotext), and a correction is a new version with a visible diff.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeUpdate } from "y-protocols/sync";
import * as Y from "yjs";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { encodeBytes, MINUTES_EVENTS } from "../minutes/protocol";
import { addParagraph, type MinutesClient, minutesClient, sectionText, waitFor } from "../minutes/testClient";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { clientId, type LiveClient, liveClient } from "../testing/liveClient";
import { startServer, type TestServer } from "../testing/server";

function updateMessage(update: Uint8Array): string {
  const encoder = encoding.createEncoder();
  writeUpdate(encoder, update);
  return encodeBytes(encoding.toUint8Array(encoder));
}

type Roster = { personId: string; name: string; status: string }[];

const WITH_ACCOUNTS = ["陈国强", "梁丽娟", "黄锦华"];

describe("the minutes' record, sign-off and exports", () => {
  let server: TestServer;
  let meetingId: string;
  const cookies: Record<string, string> = {};
  let chair: LiveClient;
  let recorder: MinutesClient;
  let roster: Roster = [];
  let others: Roster = [];
  const post = (who: string, verb: string, body: Record<string, string>) =>
    fetch(`${server.url}/api/minutes/${meetingId}/${verb}`, {
      method: "POST",
      headers: { cookie: cookies[who] ?? "", "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string } }>);

  beforeAll(async () => {
    server = await startServer();
    for (const [who, phone] of Object.entries({
      chair: demoPhone("chair"),
      recorder: demoPhone("recorder"),
      member: demoPhone("member"),
      supervisor: demoPhone("supervisor"),
    })) {
      cookies[who] = (await login(server.url, phone, DEMO_PASSWORD)) ?? "";
    }
    const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie: cookies.recorder ?? "" } })).json()) as {
      data: { id: string; number: string }[];
    };
    meetingId = meetings.data.find((m) => m.number === "2026年第3次")?.id ?? "";
    chair = await liveClient(server.url, cookies.chair);
    recorder = await minutesClient(server.url, meetingId, cookies.recorder);
  });

  afterAll(async () => {
    chair?.close();
    recorder?.close();
    await server?.cleanup();
  });

  const block = (id: string) => recorder.provider.joined?.blocks.find((b) => b.id === id);
  const field = (id: string, label: string) => block(id)?.fields.find((f) => f.label === label)?.value ?? "";

  it("fills the attendance block from the roll call as it happens", async () => {
    expect(field("header", "主持人")).toBe("陈国强");
    expect(field("header", "记录人")).toBe("梁丽娟");
    expect(field("attendance", "实到")).toMatch(/^0人/);
    expect(await chair.call("meeting:open", { meetingId })).toMatchObject({ ok: true });
    const joined = await chair.call<{ view: { roster: Roster } }>("meeting:join", { meetingId });
    roster = joined.ok ? joined.data.view.roster : [];
    // The people with accounts (chair, recorder, 黄锦华) and seven more attend: 10 of 15 is a quorum (VCOL 26).
    others = roster.filter((m) => !WITH_ACCOUNTS.includes(m.name)).slice(0, 7);
    for (const person of [...roster.filter((m) => WITH_ACCOUNTS.includes(m.name)), ...others]) {
      expect(await chair.call("meeting:attendance", { meetingId, personId: person.personId, status: "present_in_person" })).toMatchObject({ ok: true });
    }
    await waitFor(() => field("attendance", "实到").startsWith("10人"), "the attendance block to show 10 present");
    expect(field("attendance", "应到")).toBe(`${roster.length}人`);
    expect(field("attendance", "缺席")).toContain(roster.find((m) => !WITH_ACCOUNTS.includes(m.name) && !others.includes(m))?.name);
    expect(field("attendance", "法定人数")).toContain("达到法定到会数（10人）");
  });

  it("adds a vote's result block when the vote closes, and accepts free text only under blocks that exist", async () => {
    expect(await chair.call("meeting:startItem", { meetingId })).toMatchObject({ ok: true });
    const opened = await chair.call<{ result: { motionId: string } }>("vote:open", {
      meetingId,
      text: "同意村道硬底化工程实施方案",
      method: "named",
      matterKind: "general",
    });
    const motionId = opened.ok ? opened.data.result.motionId : "";
    const member = await liveClient(server.url, cookies.member);
    expect(await member.call("vote:cast", { meetingId, motionId, choice: "yes", clientId: clientId() })).toMatchObject({ ok: true });
    member.close();
    expect(block(`vote:${motionId}`)).toBeUndefined();
    expect(await chair.call("vote:close", { meetingId, motionId })).toMatchObject({ ok: true });
    await waitFor(() => block(`vote:${motionId}`) !== undefined, "the vote block");
    expect(field(`vote:${motionId}`, "表决方式")).toBe("电子记名表决");
    expect(field(`vote:${motionId}`, "表决结果")).toContain("同意1票");
    expect(field(`vote:${motionId}`, "法律依据")).toContain("村民委员会组织法");
    addParagraph(recorder.doc, `vote:${motionId}`, "表决后，黄锦华建议分段施工。");
    addParagraph(recorder.doc, "header", "会议由陈国强主持。");
    expect(await chair.call("vote:announce", { meetingId, motionId })).toMatchObject({ ok: true });
    // The seven without accounts leave before the end: the attendees who sign are the three still present.
    for (const person of others)
      expect(await chair.call("meeting:attendance", { meetingId, personId: person.personId, status: "absent" })).toMatchObject({ ok: true });
    expect(await chair.call("meeting:adjourn", { meetingId })).toMatchObject({ ok: true });
    await waitFor(() => field("header", "时间").includes("散会"), "the header to show the adjournment");
  });

  let sha256 = "";

  it("finalizes a canonical text whose SHA-256 is in the audit log, and freezes the text", async () => {
    expect(await post("chair", "finalize", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const finalized = await post("recorder", "finalize", {});
    expect(finalized).toMatchObject({ ok: true, data: { version: 1 } });
    sha256 = String(finalized.data?.sha256);
    expect(await post("recorder", "finalize", {})).toMatchObject({ ok: false, error: { code: "conflict" } });
    const html = await (await fetch(`${server.url}/meetings/${meetingId}/minutes/print`, { headers: { cookie: cookies.member ?? "" } })).text();
    const text = (/<pre lang="zh-CN">([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? "")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    expect(createHash("sha256").update(text, "utf8").digest("hex")).toBe(sha256);
    expect(text).toContain("会议由陈国强主持。");
    expect(text).toContain("表决后，黄锦华建议分段施工。");
    expect(text).toContain("【出席情况】");
    const orgId = recorder.provider.joined?.status.orgId ?? "";
    const timeline = (await (
      await fetch(`${server.url}/api/audit/timeline?orgId=${orgId}&action=minutes.snapshot`, { headers: { cookie: cookies.supervisor ?? "" } })
    ).json()) as {
      data: { entries: { data: string }[] };
    };
    expect(timeline.data.entries.some((e) => e.data.includes(sha256))).toBe(true);
    await waitFor(() => recorder.provider.joined?.capabilities.canEdit === false, "editing to lock while the version is signed");
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(recorder.doc));
    const before = Y.encodeStateVector(late);
    addParagraph(late, "header", "定稿后偷偷补一句");
    const reply = await recorder.socket
      .timeout(5_000)
      .emitWithAck(MINUTES_EVENTS.sync, { meetingId, message: updateMessage(Y.encodeStateAsUpdate(late, before)) });
    expect(reply).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("archives the meeting once the chair, the recorder and every attendee signed, with a checkpoint in the PDF", async () => {
    expect(await post("supervisor", "sign", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    for (const who of ["chair", "member"]) expect(await post(who, "sign", {})).toMatchObject({ ok: true, data: { isComplete: false } });
    expect(await post("member", "sign", {})).toMatchObject({ ok: true, data: { alreadySigned: true } });
    expect(await post("recorder", "sign", {})).toMatchObject({ ok: true, data: { isComplete: true, meetingState: "archived", signed: 3, required: 3 } });
    const pdf = await fetch(`${server.url}/meetings/${meetingId}/minutes/pdf`, { headers: { cookie: cookies.member ?? "" } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-minutes-pdf-"));
    writeFileSync(path.join(dir, "m.pdf"), Buffer.from(await pdf.arrayBuffer()));
    const extracted = execFileSync("pdftotext", ["-enc", "UTF-8", path.join(dir, "m.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    const pdfText = [
      "会议记录（第1版）",
      "平洲村村民代表会议",
      "会议由陈国强主持。",
      "表决后，黄锦华建议分段施工。",
      "同意村道硬底化工程实施方案",
      "扫码可得审计日志检查点",
      sha256,
    ];
    for (const expected of pdfText) {
      expect(extracted).toContain(expected);
    }
    const wechat = await fetch(`${server.url}/meetings/${meetingId}/minutes/pdf`, {
      redirect: "manual",
      headers: { cookie: cookies.member ?? "", "user-agent": "Mozilla/5.0 MicroMessenger/8.0" },
    });
    expect(wechat.status).toBe(303);
    const hint = await (
      await fetch(new URL(wechat.headers.get("location") ?? "", server.url), {
        headers: { cookie: cookies.member ?? "", "user-agent": "Mozilla/5.0 MicroMessenger/8.0" },
      })
    ).text();
    expect(hint).toContain("点右上角，在浏览器打开");
    expect(hint).toContain("共");
  });

  it("makes a correction after sign-off a new version with its reason and a visible diff", async () => {
    await waitFor(() => recorder.provider.joined?.capabilities.canEdit === true, "the recorder to edit again after sign-off");
    await waitFor(() => recorder.provider.synced, "resync");
    addParagraph(recorder.doc, "header", "更正：会议于九点半准时开始。");
    await waitFor(() => sectionText(recorder.doc, "header").includes("更正"), "the correction text");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await post("recorder", "correct", { reason: "x" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    const corrected = await post("recorder", "correct", { reason: "补记开会时间" });
    expect(corrected).toMatchObject({ ok: true, data: { version: 2, previousSha256: sha256 } });
    const versions = await (await fetch(`${server.url}/meetings/${meetingId}/minutes/versions`, { headers: { cookie: cookies.member ?? "" } })).text();
    expect(versions).toContain("补记开会时间");
    expect(versions).toMatch(/diff-added[^>]*>[\s\S]*?更正：会议于九点半准时开始。/);
    const v1 = await (await fetch(`${server.url}/meetings/${meetingId}/minutes/print?v=1`, { headers: { cookie: cookies.member ?? "" } })).text();
    expect(v1).not.toContain("更正：会议于九点半准时开始。");
    expect(v1).toContain(sha256);
  });
});
