/**
 * Public disclosure over HTTP on a real server (issue #8, DESIGN.md §4): who may publish, correct, object and reply —
 * admin, the deciding body's chair, recorder, member (a resident), supervisor, another village's admin, anonymous —
 * the limits, the public pages without personal data, the PDF and the WeChat hint, and the verification page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demoAccounts";
import { type DecidedMatter, decidedMatter } from "@/server/notice/testing/decidedMatter";
import { AdminApi, mainOf, type Role } from "@/server/testing/adminApi";
import { login } from "@/server/testing/http";
import { startServer, type TestServer } from "@/server/testing/server";
import { demoPhone } from "../../../server/testing/builders";

let server: TestServer;
let api: AdminApi;
let byChair: DecidedMatter;
let byAdmin: DecidedMatter;
let noticeId: string;

beforeAll(async () => {
  server = await startServer();
  api = new AdminApi(server.url);
  await api.loginAll();
  const cookies = { admin: api.cookie("admin"), chair: api.cookie("chair") };
  byChair = await decidedMatter(server.url, cookies, "村道路灯更换");
  byAdmin = await decidedMatter(server.url, cookies, "村委会办公楼维修");
}, 240_000);
afterAll(async () => server?.cleanup());

const refusedCode = (role: Role) => (role === "anonymous" ? "unauthenticated" : "forbidden");

describe("publishing a decision", () => {
  it("refuses the recorder, members, supervisors, another village's admin and anonymous visitors, changing nothing", async () => {
    const before = await api.auditSize(byChair.orgId);
    for (const role of ["recorder", "member", "supervisor", "foreignAdmin", "anonymous"] as Role[]) {
      const answer = await api.call(role, "POST", "/api/notices/publish", { kind: "decision", matterId: byChair.matterId });
      expect(answer.error?.code, role).toBe(refusedCode(role));
    }
    expect(await api.auditSize(byChair.orgId)).toBe(before);
  });

  it("lets the chair of the deciding body publish, with the vote filled in from the record, and moves the matter to S5", async () => {
    const answer = await api.call("chair", "POST", "/api/notices/publish", { kind: "decision", matterId: byChair.matterId });
    expect(answer.ok).toBe(true);
    expect(answer.data).toMatchObject({ kind: "decision", stage: "decision_disclosure" });
    noticeId = answer.data.id as string;
    const again = await api.call("admin", "POST", "/api/notices/publish", { kind: "decision", matterId: byChair.matterId });
    expect(again.error?.code).toBe("conflict");
    const board = await api.call("anonymous", "GET", `/api/notices/orgs/${byChair.orgId}/board`);
    const matter = (
      board.data.matters as { id: string; stage: string; decision: { voteSummary: Record<string, unknown>; countdown: { isOpen: boolean; days: number } } }[]
    ).find((m) => m.id === byChair.matterId);
    expect(matter?.stage).toBe("decision_disclosure");
    expect(matter?.decision.voteSummary).toMatchObject({ yes: 10, no: 1, abstain: 1, passed: true, present: 12 });
    expect(matter?.decision.countdown).toMatchObject({ isOpen: true, days: 6 });
  });

  it("lets an admin publish, and refuses a period outside 1–60 days", async () => {
    expect((await api.call("admin", "POST", "/api/notices/publish", { kind: "decision", matterId: byAdmin.matterId, periodDays: 0 })).error).toMatchObject({
      code: "invalid_input",
      field: "periodDays",
    });
    expect((await api.call("admin", "POST", "/api/notices/publish", { kind: "decision", matterId: byAdmin.matterId, periodDays: 5 })).data).toMatchObject({
      kind: "decision",
    });
  });

  it("shows the decision on the public page to a visitor without login, with totals and no personal data", async () => {
    const html = mainOf(await (await fetch(`${server.url}/n/${byChair.orgId}`)).text());
    expect(html).toContain("村道路灯更换");
    expect(html).toContain("同意 10 票，反对 1 票，弃权 1 票");
    expect(html).toContain("村民委员会组织法（2025年修正）第三十条");
    expect(html).toMatch(/公示中，还剩 6 天 \d+ 小时/);
    expect(html).not.toMatch(/1[3-9]\d{9}/);
    expect(html).not.toContain("陈国强");
  });
});

describe("objections and replies", () => {
  it("lets residents object and refuses everyone else", async () => {
    for (const role of ["admin", "supervisor", "foreignAdmin", "anonymous"] as Role[]) {
      const answer = await api.call(role, "POST", `/api/notices/${noticeId}/objections`, { text: "有异议" });
      expect(answer.error?.code, role).toBe(refusedCode(role));
    }
    expect((await api.call("member", "POST", `/api/notices/${noticeId}/objections`, { text: "路灯的电费由谁承担，请说明。" })).ok).toBe(true);
  });

  it("limits an objection to 2,000 characters and a resident to 5 a day on one notice", async () => {
    const li = (await login(server.url, demoPhone("member", 1), DEMO_PASSWORD)) ?? "";
    api.setCookie("recorder", li);
    const long = await api.call("recorder", "POST", `/api/notices/${noticeId}/objections`, { text: "长".repeat(2_001) });
    expect(long.error).toMatchObject({ code: "invalid_input", field: "text" });
    for (let i = 1; i <= 5; i += 1) expect((await api.call("recorder", "POST", `/api/notices/${noticeId}/objections`, { text: `第${i}条意见` })).ok).toBe(true);
    const sixth = await api.call("recorder", "POST", `/api/notices/${noticeId}/objections`, { text: "第6条意见" });
    expect(sixth.status).toBe(429);
    expect(sixth.error?.code).toBe("rate_limited");
    api.setCookie("recorder", (await login(server.url, demoPhone("recorder"), DEMO_PASSWORD)) ?? "");
  });

  it("takes an objection as a plain form post and tells an anonymous visitor to log in", async () => {
    const back = `/n/${byChair.orgId}/${noticeId}`;
    const post = (cookie: string) =>
      fetch(`${server.url}/api/notices/${noticeId}/objections`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie },
        body: new URLSearchParams({ text: "表格提交的异议", back }),
      });
    expect((await post("")).headers.get("location")).toBe(`${back}?error=unauthenticated`);
    expect((await post(api.cookie("chair"))).headers.get("location")).toBe(`${back}?done=filed#objections`);
    const page = mainOf(await (await fetch(`${server.url}${back}`)).text());
    expect(page).toContain("提出异议需要先登录");
  });

  it("lets only supervisors reply, once, and shows the reply publicly without the resident's name", async () => {
    const inbox = mainOf(await (await fetch(`${server.url}/notices/objections`, { headers: { cookie: api.cookie("supervisor") } })).text());
    const objectionId = /\/api\/notices\/objections\/([^/]+)\/reply/.exec(inbox)?.[1] ?? "";
    expect(inbox).toContain("黄锦华");
    for (const role of ["admin", "chair", "member", "foreignAdmin", "anonymous"] as Role[]) {
      expect((await api.call(role, "POST", `/api/notices/objections/${objectionId}/reply`, { text: "答复" })).error?.code, role).toBe(refusedCode(role));
    }
    expect((await api.call("supervisor", "POST", `/api/notices/objections/${objectionId}/reply`, { text: "电费由村集体承担，已列入预算。" })).ok).toBe(true);
    expect((await api.call("supervisor", "POST", `/api/notices/objections/${objectionId}/reply`, { text: "再次答复" })).error?.code).toBe("conflict");
    const page = mainOf(await (await fetch(`${server.url}/n/${byChair.orgId}/${noticeId}`)).text());
    expect(page).toContain("电费由村集体承担，已列入预算。");
    expect(page).toContain("路灯的电费由谁承担，请说明。");
    expect(page).not.toContain("黄锦华");
  });
});

describe("corrections, notice period, printing and verification", () => {
  it("corrects a notice only by a new one with a reason, by an admin or the chair", async () => {
    for (const role of ["recorder", "member", "supervisor", "foreignAdmin", "anonymous"] as Role[]) {
      expect((await api.call(role, "POST", `/api/notices/${noticeId}/correct`, { reason: "更正" })).error?.code, role).toBe(refusedCode(role));
    }
    expect((await api.call("admin", "POST", `/api/notices/${noticeId}/correct`, { reason: "" })).error).toMatchObject({
      code: "invalid_input",
      field: "reason",
    });
    const corrected = await api.call("admin", "POST", `/api/notices/${noticeId}/correct`, { reason: "补充路灯数量", body: "同意更换村道路灯42盏" });
    expect(corrected.ok).toBe(true);
    const old = mainOf(await (await fetch(`${server.url}/n/${byChair.orgId}/${noticeId}`)).text());
    expect(old).toContain("这份公告已被更正");
    const fresh = mainOf(await (await fetch(`${server.url}/n/${byChair.orgId}/${corrected.data.id}`)).text());
    expect(fresh).toContain("更正原因：补充路灯数量");
  });

  it("lets only the organization's admin set its notice period", async () => {
    for (const role of ["chair", "supervisor", "member", "foreignAdmin", "anonymous"] as Role[]) {
      expect((await api.call(role, "POST", `/api/notices/orgs/${byAdmin.orgId}/notice-days`, { noticeDays: 5 })).error?.code, role).toBe(refusedCode(role));
    }
    expect((await api.call("admin", "POST", `/api/notices/orgs/${byAdmin.orgId}/notice-days`, { noticeDays: 61 })).error?.code).toBe("invalid_input");
    expect((await api.call("admin", "POST", `/api/notices/orgs/${byAdmin.orgId}/notice-days`, { noticeDays: 5 })).data).toMatchObject({ noticeDays: 5 });
  });

  it("publishes the implementation result from S6 and moves the matter to S7", async () => {
    const moved = await api.call("admin", "POST", `/api/admin/matters/${byAdmin.matterId}/move`, { to: "implementation", reason: "公示期满，组织实施" });
    expect(moved.ok).toBe(true);
    expect((await api.call("member", "POST", "/api/notices/publish", { kind: "result", matterId: byAdmin.matterId, body: "已完工" })).error?.code).toBe(
      "forbidden",
    );
    const result = await api.call("chair", "POST", "/api/notices/publish", { kind: "result", matterId: byAdmin.matterId, body: "维修已完工，决算12.6万元。" });
    expect(result.data).toMatchObject({ kind: "result", stage: "result_disclosure" });
  });

  it("serves the printable PDF, and in WeChat the page with the hint instead", async () => {
    const pdf = await fetch(`${server.url}/n/${byChair.orgId}/${noticeId}/pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const weChat = await fetch(`${server.url}/n/${byChair.orgId}/${noticeId}/pdf`, {
      redirect: "manual",
      headers: { "user-agent": "Mozilla/5.0 (iPhone) MicroMessenger/8.0.50" },
    });
    expect(weChat.status).toBe(303);
    const page = mainOf(await (await fetch(`${server.url}${weChat.headers.get("location")}`)).text());
    expect(page).toContain("点右上角，在浏览器打开");
  });

  it("shows the signed checkpoint and checked inclusion proofs of the decision's entries", async () => {
    const page = mainOf(await (await fetch(`${server.url}/n/${byChair.orgId}/${noticeId}/verify`)).text());
    expect(page).toMatch(/yishi\.local\/org\/[^\n]+\n\d+\n/);
    expect(page).toContain("发布公示");
    expect(page).toContain("宣布表决结果");
    expect(page.match(/已包含在检查点中/g)?.length).toBe(3);
    expect(page).toContain("网页上的公告标题和正文与审计日志中的记录一致");
  });
});
