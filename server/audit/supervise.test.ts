/**
 * The audit trail through the real server (HTTP and sockets): the demo's signed log, the supervisor console and its
 * refusals, opinions, a checkpoint after a vote closes, and a voter's receipt that the bundle's verify.mjs accepts.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { startServer, type TestServer } from "../testing/server";
import { runBundleVerifier, unzipBundle } from "./unzipBundle";

type Json<T> = { ok: boolean; data: T; error?: { code: string } };
type Entry = { seq: number; action: string; actor: { role: string; name: string } | null; data: string };
type TimelineData = { total: number; entries: Entry[] };
type StatusData = { status: { ok: boolean; entries: number }; checkpoint: { size: number } };

let server: TestServer;
let work: string;
const cookies: Record<string, string> = {};
let orgId: string;

async function get(pathAndQuery: string, who?: string): Promise<Response> {
  return fetch(`${server.url}${pathAndQuery}`, { headers: who ? { cookie: cookies[who] ?? "" } : {}, redirect: "manual" });
}
async function json<T>(pathAndQuery: string, who?: string): Promise<{ status: number; body: Json<T> }> {
  const response = await get(pathAndQuery, who);
  return { status: response.status, body: (await response.json()) as Json<T> };
}
const timeline = async (query: string) => (await json<TimelineData>(`/api/audit/timeline?orgId=${orgId}&${query}`, "supervisor")).body.data;
const status = async () => (await json<StatusData>(`/api/audit/status?orgId=${orgId}`, "supervisor")).body.data;
async function post<T>(pathAndQuery: string, who: string, body: unknown): Promise<{ status: number; body: Json<T> }> {
  const response = await fetch(`${server.url}${pathAndQuery}`, {
    method: "POST",
    headers: { cookie: cookies[who] ?? "", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json<T> };
}
async function downloadBundle(): Promise<string> {
  const response = await get(`/api/audit/bundle?orgId=${orgId}`, "supervisor");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/zip");
  const into = mkdtempSync(path.join(work, "zip-"));
  return unzipBundle(new Uint8Array(await response.arrayBuffer()), into);
}

function socketOf(who: string): Promise<Socket> {
  const socket = connect(server.url, { transports: ["websocket"], extraHeaders: { cookie: cookies[who] ?? "" }, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", reject);
  });
}
async function call<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const reply = (await socket.emitWithAck(event, payload)) as Json<T>;
  if (!reply.ok) throw new Error(`${event}: ${JSON.stringify(reply.error)}`);
  return reply.data;
}

beforeAll(async () => {
  server = await startServer();
  work = mkdtempSync(path.join(tmpdir(), "yishi-supervise-"));
  const phones = {
    admin: demoPhone("admin"),
    chair: demoPhone("chair"),
    member: demoPhone("member"),
    member2: demoPhone("member", 1),
    supervisor: demoPhone("supervisor"),
  };
  for (const [who, phone] of Object.entries(phones)) cookies[who] = (await login(server.url, phone, DEMO_PASSWORD)) ?? "";
  const console = await get("/supervise", "supervisor");
  expect(console.status).toBe(307);
  orgId = /\/supervise\/([^/?#]+)/.exec(console.headers.get("location") ?? "")?.[1] ?? "";
  expect(orgId).not.toBe("");
});

afterAll(async () => {
  await server?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the audit trail of a fresh demo install", () => {
  it("already holds at least 20 entries under a signed checkpoint, and the downloaded bundle verifies", async () => {
    const fresh = await status();
    expect(fresh.status).toMatchObject({ ok: true });
    expect(fresh.status.entries).toBeGreaterThanOrEqual(20);
    expect(fresh.checkpoint.size).toBeGreaterThanOrEqual(20);
    const bundle = await downloadBundle();
    const run = runBundleVerifier(bundle);
    expect(run.output).toContain("OK: audit log verified");
    expect(run.code).toBe(0);
  });

  it("shows the supervisor the console: status green, the latest checkpoint's QR code and the timeline", async () => {
    const html = await (await get(`/supervise/${orgId}`, "supervisor")).text();
    expect(html).toContain("核验通过");
    expect(html).toContain("最新检查点二维码");
    expect(html).toContain("日志时间线");
    expect(html).toContain("创建组织");
    const english = await fetch(`${server.url}/supervise/${orgId}`, { headers: { cookie: `${cookies.supervisor}; NEXT_LOCALE=en` } });
    expect(await english.text()).toContain("Verified: the log is complete and unchanged");
    const created = await timeline("action=org.created");
    expect(created.total).toBe(1);
    expect(created.entries[0]).toMatchObject({ seq: 0, action: "org.created", actor: null });
  });

  it("refuses members, admins, the anonymous and another organization's supervisor", async () => {
    expect((await json(`/api/audit/timeline?orgId=${orgId}`)).status).toBe(401);
    expect((await json(`/api/audit/timeline?orgId=${orgId}`, "member")).body.error?.code).toBe("forbidden");
    expect((await json(`/api/audit/timeline?orgId=${orgId}`, "admin")).body.error?.code).toBe("forbidden");
    expect((await get(`/api/audit/bundle?orgId=${orgId}`, "admin")).status).toBe(403);
    const page = await (await get(`/supervise/${orgId}`, "admin")).text();
    expect(page).toContain("只有本组织的村务监督委员会成员可以打开监督台");
    expect(page).not.toContain('id="timeline-title"');

    // An admin creates a cooperative and gives it its own supervisor, who must not read the village's log.
    const coop = await post<{ id: string }>("/api/admin/orgs", "admin", { name: "审计测试合作社", level: "cooperative", parentId: orgId });
    expect(coop.body.ok).toBe(true);
    const coopId = coop.body.data.id as string;
    const account = await post(`/api/admin/orgs/${coopId}/accounts`, "admin", {
      phone: "13800000077",
      displayName: "合作社监督",
      password: "coop-supervisor-1",
      roles: ["supervisor"],
    });
    expect(account.body.ok).toBe(true);
    cookies.coopSupervisor = (await login(server.url, "13800000077", "coop-supervisor-1")) ?? "";
    expect((await json(`/api/audit/timeline?orgId=${coopId}`, "coopSupervisor")).body.ok).toBe(true);
    expect((await json(`/api/audit/timeline?orgId=${orgId}`, "coopSupervisor")).body.error?.code).toBe("forbidden");
    expect((await get(`/api/audit/bundle?orgId=${orgId}`, "coopSupervisor")).status).toBe(403);
  });

  it("appends a supervisor's opinion to the log; an admin may not write one", async () => {
    const added = await post<{ seq: number }>("/api/audit/opinions", "supervisor", { orgId, text: "请补充鱼塘发包的评估材料。" });
    expect(added.body.ok).toBe(true);
    expect((await post("/api/audit/opinions", "admin", { orgId, text: "管理员意见" })).body.error?.code).toBe("forbidden");
    const opinions = await timeline("action=supervision.opinion");
    expect(opinions.total).toBe(1);
    expect(opinions.entries[0]?.seq).toBe(added.body.data.seq);
    expect(JSON.parse(opinions.entries[0]?.data ?? "{}")).toMatchObject({ text: "请补充鱼塘发包的评估材料。" });
    expect(opinions.entries[0]?.actor).toMatchObject({ role: "supervisor", name: "周监督" });
    const html = await (await get(`/supervise/${orgId}`, "supervisor")).text();
    expect(html).toContain("请补充鱼塘发包的评估材料。");
  });
});

describe("a named vote", () => {
  let motionId: string;

  beforeAll(async () => {
    const meetings = await json<{ id: string; state: string }[]>("/api/meetings", "chair");
    const meetingId = meetings.body.data.find((m) => m.state === "scheduled")?.id ?? "";
    const chair = await socketOf("chair");
    const member = await socketOf("member");
    try {
      const joined = await call<{ view: { roster: { personId: string }[] } }>(chair, "meeting:join", { meetingId });
      await call(chair, "meeting:open", { meetingId });
      for (const { personId } of joined.view.roster) {
        await call(chair, "meeting:attendance", { meetingId, personId, status: "present_in_person" });
      }
      await call(chair, "meeting:startItem", { meetingId });
      const opened = await call<{ result: { motionId: string } }>(chair, "vote:open", {
        meetingId,
        text: "通过村道硬底化工程实施方案",
        method: "named",
        matterKind: "general",
      });
      motionId = opened.result.motionId;
      await call(member, "vote:cast", { meetingId, motionId, choice: "yes", clientId: randomUUID() });
      await call(chair, "vote:close", { meetingId, motionId });
      await call(chair, "vote:announce", { meetingId, motionId });
    } finally {
      chair.close();
      member.close();
    }
  });

  it("gets a checkpoint signed once the vote closes", async () => {
    const closedSeq = (await timeline("action=vote.closed")).entries[0]?.seq ?? Number.POSITIVE_INFINITY;
    // The listener runs after the close is acknowledged: give it a moment.
    let signedSize = 0;
    for (let attempt = 0; attempt < 50 && signedSize <= closedSeq; attempt += 1) {
      signedSize = (await status()).checkpoint.size;
      if (signedSize <= closedSeq) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(signedSize).toBeGreaterThan(closedSeq);
  });

  it("gives the voter alone a receipt, which verify.mjs checks against the bundle", async () => {
    expect((await json(`/api/audit/receipt?motionId=${motionId}`)).status).toBe(401);
    expect((await json(`/api/audit/receipt?motionId=${motionId}`, "member2")).status).toBe(404);
    expect((await json(`/api/audit/receipt?motionId=${motionId}`, "supervisor")).status).toBe(404);
    const response = await get(`/api/audit/receipt?motionId=${motionId}`, "member");
    expect(response.status).toBe(200);
    // Shown as text in the browser (WeChat's cannot save files); saved as it is, verify.mjs checks it.
    expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="yishi-vote-\d+\.tlog-proof"/);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const receipt = await response.text();
    expect(receipt.startsWith("c2sp.org/tlog-proof@v1\n")).toBe(true);
    const file = path.join(work, "receipt.tlog-proof");
    writeFileSync(file, receipt);
    const bundle = await downloadBundle();
    const run = runBundleVerifier(bundle, ["--receipt", file]);
    expect(run.output).toMatch(/receipt .*receipt\.tlog-proof: seq \d+ \(vote\.cast\) is in the log/);
    expect(run.code).toBe(0);
  });

  it("has an evidence page with attendance, quorum, the named ballots and inclusion proofs", async () => {
    // React separates adjacent text nodes with empty comments in server HTML.
    const html = (await (await get(`/supervise/${orgId}/decisions/${motionId}`, "supervisor")).text()).replace(/<!-- -->/g, "");
    expect(html).toContain("通过村道硬底化工程实施方案");
    expect(html).toContain("法定人数的计算");
    expect(html).toContain("黄锦华：同意");
    expect(html).toContain("包含证明");
    expect(html).toContain("结束表决");
    expect(html).toContain("c2sp.org/tlog-proof@v1");
    // Issue #16: the rule everyone saw before the vote, and the procedure warnings recorded with the meeting (the
    // demo meeting was announced for three days ahead and is held today).
    expect(html).toContain("本项属于一般事项，须经到会人员的过半数同意：需同意 8 票（实到 15 人）");
    expect(html).toContain("程序提示");
    expect(html).toMatch(/会议通知的日期为\d{4}-\d{2}-\d{2}，实际召开于\d{4}-\d{2}-\d{2}/);
    const member = await (await get(`/supervise/${orgId}/decisions/${motionId}`, "member")).text();
    expect(member).toContain("只有本组织的村务监督委员会成员可以打开监督台");
    expect(member).not.toContain('id="proofs-title"');
  });
});
