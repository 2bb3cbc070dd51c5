/**
 * The permission matrix, walked (issue #9): for every row of server/auth/matrix.ts and every way in it names (HTTP
 * route or socket event), each of the eight roles asks on a real server. Every refused role gets `forbidden`
 * (`unauthenticated` without a session) and the organization's audit log does not grow; then every allowed role
 * succeeds. The rows come from the table, so a row without a fixture here fails, and a command, event or route
 * without a row fails the coverage check (server/auth/matrixCoverage.ts, also run before every build).
 *
 * On the PostgreSQL run the server runs as an ordinary role bound by row-level security (server/db/role.ts), so every
 * command is also shown to work when confined to its organization.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import { messageYjsUpdate } from "y-protocols/sync";
import * as Y from "yjs";
import { DEMO_TOWNSHIP_PRE_REVIEW } from "../../prisma/demoTownship";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { encodeBytes } from "../minutes/protocol";
import { sectionName } from "../minutes/sections";
import { demoPhone, NEIGHBOUR_ADMIN_PHONE } from "../testing/builders";
import { login } from "../testing/http";
import { clientId, liveClient, type Reply } from "../testing/liveClient";
import { startServer, type TestServer } from "../testing/server";
import { type Channel, MATRIX_ROLES, type MatrixRole, PERMISSIONS, type PermissionRow } from "./matrix";
import { matrixProblems } from "./matrixCoverage";

type HttpRequest = { method: "GET" | "POST"; path: string; json?: unknown; form?: Record<string, string> | FormData };
type SocketRequest = { event: string; payload?: unknown; before?: { event: string; payload: unknown }[] };
type Request = { http: HttpRequest } | { socket: SocketRequest };
type Ctx = Record<string, string>;
type Fixture = {
  /** Fresh state for one round: the refusals, then one allowed role (each allowed role gets its own round). */
  prepare?: () => Promise<Ctx>;
  /** All allowed roles may act on one prepared state (signing the same minutes, objecting to one notice). */
  shared?: boolean;
  request: (ctx: Ctx, role: MatrixRole) => Request | Promise<Request>;
  /** For plain form posts answered with a redirect: what the redirect means. */
  judge?: (response: Response) => string;
};

const PHONES: Partial<Record<MatrixRole, string>> = {
  admin: demoPhone("admin"),
  chair: demoPhone("chair"),
  recorder: demoPhone("recorder"),
  member: demoPhone("member"),
  supervisor: demoPhone("supervisor"),
  otherOrg: NEIGHBOUR_ADMIN_PHONE,
  // The demo township above the village (issue #20), and the reviewer of another township.
  townAdmin: "13800000040",
  townReviewer: "13800000041",
  townSupervisor: "13800000042",
  otherTown: "13800000043",
};
const OBSERVER_PHONE = "13700009999";
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let server: TestServer;
const cookies = new Map<MatrixRole, string>();
let village = "";
let township = "";
const people: Record<string, string> = {};
let bodyId = "";
let seq = 0;

// ——— talking to the server as a role ———

async function http(role: MatrixRole, request: HttpRequest): Promise<Response> {
  const headers: Record<string, string> = { cookie: cookies.get(role) ?? "", accept: "application/json", origin: server.url };
  let body: BodyInit | undefined;
  if (request.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.form instanceof FormData) {
    body = request.form;
  } else if (request.form) {
    body = new URLSearchParams(request.form);
  }
  return fetch(`${server.url}${request.path}`, { method: request.method, headers, body, redirect: "manual" });
}

/** A refusal by its HTTP status, for routes that answer with a file when allowed. */
function judgeStatus(status: number): string {
  return ({ 401: "unauthenticated", 403: "forbidden", 404: "not_found" } as Record<number, string>)[status] ?? `status ${status}`;
}

async function judgeJson(response: Response): Promise<string> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const json = (await response.json()) as { ok?: boolean; error?: { code?: string } };
    if (json.ok === true) return "ok";
    return json.error?.code ?? `status ${response.status}`;
  }
  await response.arrayBuffer();
  const byStatus: Record<number, string> = { 200: "ok", 401: "unauthenticated", 403: "forbidden", 404: "not_found" };
  return byStatus[response.status] ?? `status ${response.status}`;
}

async function emit(role: MatrixRole, request: SocketRequest): Promise<string> {
  const client = await liveClient(server.url, cookies.get(role));
  try {
    for (const step of request.before ?? []) await client.call(step.event, step.payload);
    const reply = await client.call(request.event, request.payload);
    return reply.ok ? "ok" : reply.error.code;
  } finally {
    client.close();
  }
}

async function send(role: MatrixRole, fixture: Fixture, ctx: Ctx): Promise<string> {
  const request = await fixture.request(ctx, role);
  if ("socket" in request) return emit(role, request.socket);
  const response = await http(role, request.http);
  if (fixture.judge) {
    await response.arrayBuffer();
    return fixture.judge(response);
  }
  return judgeJson(response);
}

async function asAdmin<T = Record<string, unknown>>(method: "GET" | "POST", path: string, json?: unknown): Promise<T> {
  const response = await http("admin", { method, path, json });
  const answer = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!answer.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

async function as<T>(role: MatrixRole, event: string, payload: unknown): Promise<T> {
  const client = await liveClient(server.url, cookies.get(role));
  try {
    const reply = (await client.call<T>(event, payload)) as Reply<T>;
    if (!reply.ok) throw new Error(`${role} ${event}: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  } finally {
    client.close();
  }
}

async function auditSize(orgId: string): Promise<number> {
  return (await asAdmin<{ auditSize: number }>("GET", `/api/admin/orgs/${orgId}`)).auditSize;
}

// ——— fresh objects, made as the admin ———

const fresh = {
  person: async () => (await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/people`, { name: `测试${++seq}`, gender: "female" })).id,
  body: async () => (await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/bodies`, { kind: "board", name: `理事会${++seq}` })).id,
  account: async () => {
    const personId = await fresh.person();
    return (
      await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/accounts`, {
        personId,
        phone: `1370000${String(++seq).padStart(4, "0")}`,
        displayName: "测试",
        password: "initial-pass",
      })
    ).id;
  },
  matter: async () =>
    (await asAdmin<{ id: string }>("POST", "/api/admin/matters", { orgId: village, title: `事项${++seq}`, source: "villagers", kind: "general" })).id,
  /** A meeting of the test body (chair, recorder, one voting member), scheduled with two agenda items. */
  scheduled: async (options: { isPublic?: boolean; matterId?: string } = {}) =>
    (
      await asAdmin<{ id: string }>("POST", "/api/admin/meetings", {
        bodyId,
        number: `矩阵${++seq}`,
        title: "权限矩阵测试会议",
        startsAt: new Date().toISOString(),
        place: "村委会",
        isPublic: options.isPublic ?? true,
        agenda: [{ title: "第一项", ...(options.matterId ? { matterId: options.matterId } : {}) }, { title: "第二项" }],
      })
    ).id,
  /** A proposal raised by a villager who holds none of the matrix roles, so every role may still co-sign it. */
  proposal: async () => {
    const author = await login(server.url, demoPhone("member", 1), DEMO_PASSWORD);
    const response = await fetch(`${server.url}/api/proposals`, {
      method: "POST",
      headers: { cookie: author ?? "", "content-type": "application/json", accept: "application/json", origin: server.url },
      body: JSON.stringify({ orgId: village, title: `联名议题${++seq}`, description: "安装路灯" }),
    });
    return ((await response.json()) as { data: { id: string } }).data.id;
  },
  /** A proposal with one PDF attached (a multipart form post, as a phone sends it); answers the attachment's id. */
  proposalAttachment: async () => {
    const author = await login(server.url, "13800000005", DEMO_PASSWORD);
    const form = new FormData();
    form.set("orgId", village);
    form.set("title", `附件议题${++seq}`);
    form.set("back", `/proposals/${village}`);
    form.set("attachments", new Blob([PDF], { type: "application/pdf" }), "现场照片说明.pdf");
    await fetch(`${server.url}/api/proposals`, { method: "POST", headers: { cookie: author ?? "", origin: server.url }, body: form, redirect: "manual" });
    const page = await (await fetch(`${server.url}/proposals/${village}`)).text();
    const id = new RegExp(`/proposals/${village}/attachments/([A-Za-z0-9]+)`).exec(page)?.[1];
    if (!id) throw new Error("the proposal's attachment is not listed on the public page");
    return id;
  },
  material: async (meetingId: string) => {
    const form = new FormData();
    form.set("file", new Blob([PDF], { type: "application/pdf" }), "材料.pdf");
    const response = await http("admin", { method: "POST", path: `/api/admin/meetings/${meetingId}/materials`, form });
    return ((await response.json()) as { data: { id: string } }).data.id;
  },
};

type Stage = "scheduled" | "session" | "item" | "vote" | "closed" | "announced" | "adjourned" | "finalized" | "signed";
const STAGES: Stage[] = ["scheduled", "session", "item", "vote", "closed", "announced", "adjourned", "finalized", "signed"];

/** A meeting of the test body taken to `stage` by the people whose job each step is. */
async function meeting(stage: Stage, options: { isPublic?: boolean; matter?: boolean } = {}): Promise<Ctx> {
  const reached = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  const matterId = options.matter ? await fresh.matter() : "";
  const ctx: Ctx = { meetingId: await fresh.scheduled({ isPublic: options.isPublic, matterId: matterId || undefined }), matterId };
  const meetingId = ctx.meetingId as string;
  if (!reached("session")) return ctx;
  await as("chair", "meeting:open", { meetingId });
  await as("member", "meeting:checkIn", { meetingId });
  if (!reached("item")) return ctx;
  await as("chair", "meeting:startItem", { meetingId });
  const view = await as<{ view: { agenda: { id: string; isCurrent: boolean }[] } }>("chair", "meeting:join", { meetingId });
  ctx.itemId = view.view.agenda.find((i) => i.isCurrent)?.id ?? "";
  if (!reached("vote")) return ctx;
  const opened = await as<{ result: { motionId: string } }>("chair", "vote:open", { meetingId, text: "同意本项方案", method: "named", matterKind: "general" });
  ctx.motionId = opened.result.motionId;
  if (!reached("closed")) return ctx;
  await as("member", "vote:cast", { meetingId, motionId: ctx.motionId, choice: "yes", clientId: clientId() });
  await as("chair", "vote:close", { meetingId, motionId: ctx.motionId });
  if (!reached("announced")) return ctx;
  await as("chair", "vote:announce", { meetingId, motionId: ctx.motionId });
  if (!reached("adjourned")) return ctx;
  await as("chair", "meeting:adjourn", { meetingId });
  if (!reached("finalized")) return ctx;
  ctx.versionId = (await as<{ versionId: string }>("recorder", "minutes:finalize", { meetingId })).versionId;
  if (!reached("signed")) return ctx;
  for (const role of ["chair", "recorder", "member"] as const) await as(role, "minutes:sign", { meetingId, versionId: ctx.versionId });
  return ctx;
}

/** A matter decided at a meeting of the test body and recorded on the matter (S4), ready to publish. */
async function decided(): Promise<Ctx> {
  const ctx = await meeting("adjourned", { matter: true });
  await asAdmin("POST", "/api/notices/link-decision", { matterId: ctx.matterId, motionId: ctx.motionId, reason: "提议、商议、审议已按纸质记录完成" });
  return ctx;
}

async function published(): Promise<Ctx> {
  const ctx = await decided();
  ctx.noticeId = (await asAdmin<{ id: string }>("POST", "/api/notices/publish", { kind: "decision", matterId: ctx.matterId })).id;
  return ctx;
}

const planBody = (ctx: Ctx) => ({
  matterId: ctx.matterId,
  responsibleId: people.member,
  cap: "10000",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  milestones: [{ title: "完工", dueOn: "2026-12-31" }],
});

/** A decided and disclosed matter with its implementation plan (issue #23). */
async function planned(): Promise<Ctx> {
  const ctx = await published();
  ctx.planId = (await asAdmin<{ planId: string }>("POST", "/api/implementation/plans", planBody(ctx))).planId;
  return ctx;
}

function minutesUpdate(): string {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("权限矩阵")]);
  doc.getXmlFragment(sectionName("header")).insert(0, [paragraph]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return encodeBytes(encoding.toUint8Array(encoder));
}

function caret(): string {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState({ user: { name: "记录员", color: "#1d4ed8" } });
  return encodeBytes(encodeAwarenessUpdate(awareness, [awareness.clientID]));
}

/** Signed minutes the recorder has since changed: a correction has something to record. */
async function correctable(): Promise<Ctx> {
  const ctx = await meeting("signed");
  const recorder = await liveClient(server.url, cookies.get("recorder"));
  try {
    await recorder.call("minutes:join", { meetingId: ctx.meetingId });
    const edited = await recorder.call("minutes:sync", { meetingId: ctx.meetingId, message: minutesUpdate() });
    if (!edited.ok) throw new Error(`edit: ${edited.error.code}`);
  } finally {
    recorder.close();
  }
  return ctx;
}

/** Paper signatures need a scan: a tiny PDF, named, in a multipart form with the version and who signed. */
function paperForm(ctx: Ctx): FormData {
  const form = new FormData();
  form.set("versionId", ctx.versionId as string);
  form.append("personIds", people.member as string);
  form.set("file", new Blob([PDF], { type: "application/pdf" }), "签到表.pdf");
  return form;
}

/**
 * A finalized meeting of a body of its own (the chair and recorder of the test body, the member and a resident
 * without an account on its roster, both present in person): the resident's 代书 can be witnessed by the chair and
 * the member, the two witnesses the matrix names.
 */
async function assistedMeeting(requested: boolean): Promise<Ctx> {
  const ownBody = (await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/bodies`, { kind: "villager-representatives", name: `代书测试${++seq}` }))
    .id;
  const signer = await fresh.person();
  await asAdmin("POST", `/api/admin/bodies/${ownBody}/roster`, {
    members: [
      { personId: people.member, seat: "representative" },
      { personId: signer, seat: "representative" },
    ],
  });
  await asAdmin("POST", `/api/admin/bodies/${ownBody}/officers`, { chairId: people.chair, recorderId: people.recorder });
  const meetingId = (
    await asAdmin<{ id: string }>("POST", "/api/admin/meetings", {
      bodyId: ownBody,
      number: `代书${++seq}`,
      title: "代书测试会议",
      startsAt: new Date().toISOString(),
      place: "村委会",
      isPublic: true,
      agenda: [{ title: "第一项" }],
    })
  ).id;
  await as("chair", "meeting:open", { meetingId });
  await as("member", "meeting:checkIn", { meetingId });
  await as("chair", "meeting:attendance", { meetingId, personId: signer, status: "present_in_person" });
  await as("chair", "meeting:adjourn", { meetingId });
  const versionId = (await as<{ versionId: string }>("recorder", "minutes:finalize", { meetingId })).versionId;
  const ctx: Ctx = { meetingId, versionId, signer };
  if (requested) {
    const response = await http("recorder", {
      method: "POST",
      path: `/api/minutes/${meetingId}/assisted`,
      json: { versionId, personId: signer, witness1: people.chair, witness2: people.member },
    });
    const answer = (await response.json()) as { ok: boolean; error?: unknown };
    if (!answer.ok) throw new Error(`assisted: ${JSON.stringify(answer.error)}`);
  }
  return ctx;
}

const adminHttp = (method: "GET" | "POST", path: string, json?: unknown): Request => ({ http: { method, path, json } });
const redirectTo = (ok: RegExp, refused: Record<string, RegExp>) => (response: Response) => {
  const location = response.headers.get("location") ?? "";
  if (ok.test(location)) return "ok";
  return Object.entries(refused).find(([, pattern]) => pattern.test(location))?.[0] ?? `redirect ${response.status} ${location}`;
};

// ——— one fixture per row and way in ———

const FIXTURES: Record<string, Fixture> = {
  "createOrganization POST /api/admin/orgs": {
    request: () => adminHttp("POST", "/api/admin/orgs", { name: `合作社${++seq}`, level: "cooperative", parentId: village }),
  },
  "updateOrganization POST /api/admin/orgs/[orgId]": { request: () => adminHttp("POST", `/api/admin/orgs/${village}`, { noticeDays: 5 + (++seq % 10) }) },
  "createHousehold POST /api/admin/orgs/[orgId]/households": {
    request: () => adminHttp("POST", `/api/admin/orgs/${village}/households`, { number: `户${++seq}` }),
  },
  "updateHousehold POST /api/admin/households/[householdId]": {
    prepare: async () => ({ householdId: (await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/households`, { number: `户${++seq}` })).id }),
    request: (ctx) => adminHttp("POST", `/api/admin/households/${ctx.householdId}`, { number: `改户${++seq}`, head: "户主" }),
  },
  "deleteHousehold POST /api/admin/households/[householdId]/delete": {
    prepare: async () => ({ householdId: (await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/households`, { number: `户${++seq}` })).id }),
    request: (ctx) => adminHttp("POST", `/api/admin/households/${ctx.householdId}/delete`, {}),
  },
  "createPerson POST /api/admin/orgs/[orgId]/people": {
    request: () => adminHttp("POST", `/api/admin/orgs/${village}/people`, { name: "新人", gender: "male" }),
  },
  "updatePerson POST /api/admin/people/[personId]": {
    prepare: async () => ({ personId: await fresh.person() }),
    request: (ctx) => adminHttp("POST", `/api/admin/people/${ctx.personId}`, { name: "改名", phone: `139${String(++seq).padStart(8, "0")}` }),
  },
  "deletePerson POST /api/admin/people/[personId]/delete": {
    prepare: async () => ({ personId: await fresh.person() }),
    request: (ctx) => adminHttp("POST", `/api/admin/people/${ctx.personId}/delete`, {}),
  },
  "importRoster POST /api/admin/orgs/[orgId]/roster-import": {
    request: () =>
      adminHttp("POST", `/api/admin/orgs/${village}/roster-import`, {
        csv: `姓名,性别,户号\n导入${++seq},男,新户${seq}\n`,
        dryRun: false,
        createMissingHouseholds: true,
      }),
  },
  "createAccount POST /api/admin/orgs/[orgId]/accounts": {
    prepare: async () => ({ personId: await fresh.person() }),
    request: (ctx) =>
      adminHttp("POST", `/api/admin/orgs/${village}/accounts`, {
        personId: ctx.personId,
        phone: `1360000${String(++seq).padStart(4, "0")}`,
        displayName: "新账号",
        password: "initial-pass",
        roles: ["admin"],
      }),
  },
  "grantRole POST /api/admin/orgs/[orgId]/roles/grant": {
    prepare: async () => ({ accountId: await fresh.account() }),
    request: (ctx) => adminHttp("POST", `/api/admin/orgs/${village}/roles/grant`, { accountId: ctx.accountId, role: "admin" }),
  },
  "revokeRole POST /api/admin/orgs/[orgId]/roles/revoke": {
    prepare: async () => {
      const accountId = await fresh.account();
      await asAdmin("POST", `/api/admin/orgs/${village}/roles/grant`, { accountId, role: "supervisor" });
      return { accountId };
    },
    request: (ctx) => adminHttp("POST", `/api/admin/orgs/${village}/roles/revoke`, { accountId: ctx.accountId, role: "supervisor" }),
  },
  "setAccountDisabled POST /api/orgs/[orgId]/accounts/[accountId]/disable": {
    prepare: async () => ({ accountId: await fresh.account() }),
    request: (ctx) => adminHttp("POST", `/api/orgs/${village}/accounts/${ctx.accountId}/disable`, { disabled: true }),
  },
  "resetPassword POST /api/orgs/[orgId]/accounts/[accountId]/reset-password": {
    prepare: async () => ({ accountId: await fresh.account() }),
    request: (ctx) => adminHttp("POST", `/api/orgs/${village}/accounts/${ctx.accountId}/reset-password`, {}),
  },
  "createBody POST /api/admin/orgs/[orgId]/bodies": {
    request: () => adminHttp("POST", `/api/admin/orgs/${village}/bodies`, { kind: "member-representatives", name: "成员代表大会" }),
  },
  "setRoster POST /api/admin/bodies/[bodyId]/roster": {
    prepare: async () => ({ bodyId: await fresh.body(), personId: await fresh.person() }),
    request: (ctx) => adminHttp("POST", `/api/admin/bodies/${ctx.bodyId}/roster`, { members: [{ personId: ctx.personId }] }),
  },
  "setOfficers POST /api/admin/bodies/[bodyId]/officers": {
    prepare: async () => ({ bodyId: await fresh.body(), personId: await fresh.person() }),
    request: (ctx) => adminHttp("POST", `/api/admin/bodies/${ctx.bodyId}/officers`, { chairId: ctx.personId, recorderId: null }),
  },
  "updateCharter POST /api/admin/bodies/[bodyId]/charter": {
    prepare: async () => ({ bodyId: await fresh.body() }),
    request: (ctx) =>
      adminHttp("POST", `/api/admin/bodies/${ctx.bodyId}/charter`, { charter: { pass: { numerator: 3, denominator: 4 }, publishNamedVotes: true } }),
  },
  "issueLoginTokens POST /api/admin/bodies/[bodyId]/login-codes": {
    prepare: async () => {
      const id = await fresh.body();
      await asAdmin("POST", `/api/admin/bodies/${id}/roster`, { members: [{ personId: await fresh.person() }] });
      return { bodyId: id };
    },
    request: (ctx) => adminHttp("POST", `/api/admin/bodies/${ctx.bodyId}/login-codes`, {}),
  },
  "read:organizationSummary GET /api/admin/orgs/[orgId]": { request: () => adminHttp("GET", `/api/admin/orgs/${village}`) },
  "read:registerWithPhones GET /api/admin/orgs/[orgId]/people": { request: () => adminHttp("GET", `/api/admin/orgs/${village}/people`) },
  "read:rosterTemplate GET /api/admin/roster-template": { request: () => adminHttp("GET", "/api/admin/roster-template") },

  "scheduleMeeting POST /api/admin/meetings": {
    request: () =>
      adminHttp("POST", "/api/admin/meetings", { bodyId, number: `排期${++seq}`, title: "会议", startsAt: "2030-02-01T09:00:00+08:00", place: "礼堂" }),
  },
  "sendMeetingNotice POST /api/meetings/[meetingId]/notice/send": {
    prepare: async () => ({ meetingId: await fresh.scheduled() }),
    request: (ctx) => adminHttp("POST", `/api/meetings/${ctx.meetingId}/notice/send`, { channels: ["in_app"] }),
  },
  "recordPaperReceipts POST /api/meetings/[meetingId]/notice/paper": {
    prepare: async () => ({ meetingId: await fresh.scheduled() }),
    request: (ctx) =>
      adminHttp("POST", `/api/meetings/${ctx.meetingId}/notice/paper`, {
        personIds: [people.member],
        signedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      }),
  },
  "acknowledgeNotice POST /api/meetings/[meetingId]/notice/sign": {
    prepare: async () => {
      const meetingId = await fresh.scheduled();
      await asAdmin("POST", `/api/meetings/${meetingId}/notice/send`, { channels: ["in_app"] });
      return { meetingId };
    },
    request: (ctx) => adminHttp("POST", `/api/meetings/${ctx.meetingId}/notice/sign`, {}),
  },
  "declareAttendanceIntent POST /api/meetings/[meetingId]/intent": {
    prepare: async () => ({ meetingId: await fresh.scheduled() }),
    request: (ctx) => adminHttp("POST", `/api/meetings/${ctx.meetingId}/intent`, { kind: "leave", reason: "外出务工" }),
  },
  "read:meetingNoticePdf (public meeting) GET /meetings/[meetingId]/notice/pdf": {
    prepare: async () => ({ meetingId: await fresh.scheduled() }),
    shared: true,
    request: (ctx) => adminHttp("GET", `/meetings/${ctx.meetingId}/notice/pdf`),
  },
  "read:meetingMaterial GET /meetings/[meetingId]/materials/[materialId]": {
    prepare: async () => {
      const meetingId = await fresh.scheduled({ isPublic: false });
      return { meetingId, materialId: await fresh.material(meetingId) };
    },
    shared: true,
    request: (ctx) => adminHttp("GET", `/meetings/${ctx.meetingId}/materials/${ctx.materialId}`),
  },
  "read:receiptSheet GET /meetings/[meetingId]/notice/receipts": {
    prepare: async () => ({ meetingId: await fresh.scheduled() }),
    shared: true,
    request: (ctx) => adminHttp("GET", `/meetings/${ctx.meetingId}/notice/receipts`),
  },
  "read:deliveryBoard GET /api/meetings/[meetingId]/delivery": {
    prepare: async () => ({ meetingId: await fresh.scheduled() }),
    shared: true,
    request: (ctx) => adminHttp("GET", `/api/meetings/${ctx.meetingId}/delivery`),
  },
  "submitProposal POST /api/proposals": {
    request: () => adminHttp("POST", "/api/proposals", { orgId: village, title: `议题${++seq}`, description: "修一条机耕路" }),
  },
  "coSignProposal POST /api/proposals/[proposalId]/sign": {
    prepare: async () => ({ proposalId: await fresh.proposal() }),
    request: (ctx) => adminHttp("POST", `/api/proposals/${ctx.proposalId}/sign`, {}),
  },
  "issueSignCode POST /api/proposals/[proposalId]/codes": {
    prepare: async () => ({
      proposalId: await fresh.proposal(),
      personId: (await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/people`, { name: `领码村民${++seq}`, gender: "female" })).id,
    }),
    request: (ctx) => adminHttp("POST", `/api/proposals/${ctx.proposalId}/codes`, { personId: ctx.personId }),
  },
  "read:proposalAttachment GET /proposals/[orgId]/attachments/[attachmentId]": {
    prepare: async () => ({ attachmentId: await fresh.proposalAttachment() }),
    shared: true,
    request: (ctx) => adminHttp("GET", `/proposals/${village}/attachments/${ctx.attachmentId}`),
    judge: (response) => (response.status === 200 && response.headers.get("content-type") === "application/pdf" ? "ok" : `status ${response.status}`),
  },
  "answerProposal POST /api/proposals/[proposalId]/answer": {
    prepare: async () => ({ proposalId: await fresh.proposal() }),
    request: (ctx) => adminHttp("POST", `/api/proposals/${ctx.proposalId}/answer`, { outcome: "answer", answer: "已列入明年村级预算计划。" }),
  },
  "updateMeeting POST /api/admin/meetings/[meetingId]": {
    prepare: async () => ({ meetingId: await fresh.scheduled() }),
    request: (ctx) => adminHttp("POST", `/api/admin/meetings/${ctx.meetingId}`, { place: `新地点${++seq}` }),
  },
  "addAgendaItem POST /api/admin/meetings/[meetingId]/agenda": {
    prepare: async () => ({ meetingId: await fresh.scheduled(), matterId: await fresh.matter() }),
    request: (ctx) => adminHttp("POST", `/api/admin/meetings/${ctx.meetingId}/agenda`, { title: "加一项", matterId: ctx.matterId }),
  },
  "updateAgendaItem POST /api/admin/agenda/[itemId]": {
    prepare: async () => {
      const meetingId = await fresh.scheduled();
      return { itemId: (await asAdmin<{ id: string }>("POST", `/api/admin/meetings/${meetingId}/agenda`, { title: "新增议程" })).id };
    },
    request: (ctx) => adminHttp("POST", `/api/admin/agenda/${ctx.itemId}`, { title: `改名${++seq}` }),
  },
  "removeAgendaItem POST /api/admin/agenda/[itemId]/delete": {
    prepare: async () => {
      const meetingId = await fresh.scheduled();
      return { itemId: (await asAdmin<{ id: string }>("POST", `/api/admin/meetings/${meetingId}/agenda`, { title: "新增议程" })).id };
    },
    request: (ctx) => adminHttp("POST", `/api/admin/agenda/${ctx.itemId}/delete`, {}),
  },
  "uploadMaterial POST /api/admin/meetings/[meetingId]/materials": {
    prepare: async () => ({ meetingId: await fresh.scheduled() }),
    request: (ctx) => {
      const form = new FormData();
      form.set("file", new Blob([PDF], { type: "application/pdf" }), "a.pdf");
      return { http: { method: "POST", path: `/api/admin/meetings/${ctx.meetingId}/materials`, form } };
    },
  },
  "removeMaterial POST /api/admin/materials/[materialId]/delete": {
    prepare: async () => ({ materialId: await fresh.material(await fresh.scheduled()) }),
    request: (ctx) => adminHttp("POST", `/api/admin/materials/${ctx.materialId}/delete`, {}),
  },
  "raiseMatter POST /api/admin/matters": { request: () => adminHttp("POST", "/api/admin/matters", { orgId: village, title: "新事项", source: "party" }) },
  "moveMatter POST /api/admin/matters/[matterId]/move": {
    prepare: async () => ({ matterId: await fresh.matter() }),
    request: (ctx) => adminHttp("POST", `/api/admin/matters/${ctx.matterId}/move`, { to: "proposal", reason: "支部受理" }),
  },

  "read:meeting (public) socket meeting:join": {
    prepare: () => meeting("scheduled"),
    shared: true,
    request: (ctx) => ({ socket: { event: "meeting:join", payload: { meetingId: ctx.meetingId } } }),
  },
  "read:meeting (members only) socket meeting:join": {
    prepare: () => meeting("scheduled", { isPublic: false }),
    shared: true,
    request: (ctx) => ({ socket: { event: "meeting:join", payload: { meetingId: ctx.meetingId } } }),
  },
  "read:myBallots socket meeting:me": {
    prepare: () => meeting("scheduled"),
    shared: true,
    request: (ctx) => ({
      socket: { event: "meeting:me", payload: { meetingId: ctx.meetingId }, before: [{ event: "meeting:join", payload: { meetingId: ctx.meetingId } }] },
    }),
  },
  "read:myMeetings GET /api/meetings": { shared: true, request: () => adminHttp("GET", "/api/meetings") },
  "read:myOrganizations GET /api/orgs": { shared: true, request: () => adminHttp("GET", "/api/orgs") },
  "openMeeting socket meeting:open": {
    prepare: () => meeting("scheduled"),
    request: (ctx) => ({ socket: { event: "meeting:open", payload: { meetingId: ctx.meetingId } } }),
  },
  "checkIn socket meeting:checkIn": {
    prepare: async () => {
      const ctx = await meeting("scheduled");
      await as("chair", "meeting:open", { meetingId: ctx.meetingId });
      return ctx;
    },
    request: (ctx) => ({ socket: { event: "meeting:checkIn", payload: { meetingId: ctx.meetingId } } }),
  },
  "recordAttendance socket meeting:attendance": {
    prepare: () => meeting("session"),
    request: (ctx) => ({ socket: { event: "meeting:attendance", payload: { meetingId: ctx.meetingId, personId: people.member, status: "absent" } } }),
  },
  "addNonVotingAttendee socket meeting:nonVoting": {
    prepare: () => meeting("session"),
    request: (ctx) => ({ socket: { event: "meeting:nonVoting", payload: { meetingId: ctx.meetingId, name: "镇驻村干部", affiliation: "镇政府" } } }),
  },
  "startItem socket meeting:startItem": {
    prepare: () => meeting("session"),
    request: (ctx) => ({ socket: { event: "meeting:startItem", payload: { meetingId: ctx.meetingId } } }),
  },
  "requestFloor socket meeting:floor": {
    prepare: () => meeting("item"),
    request: (ctx) => ({ socket: { event: "meeting:floor", payload: { meetingId: ctx.meetingId } } }),
  },
  "grantFloor socket meeting:grant": {
    prepare: async () => {
      const ctx = await meeting("item");
      await as("member", "meeting:floor", { meetingId: ctx.meetingId });
      return ctx;
    },
    request: (ctx) => ({
      socket: { event: "meeting:grant", payload: { meetingId: ctx.meetingId, action: "grant", personId: people.member, limitSeconds: 120 } },
    }),
  },
  "declareRecusal socket meeting:recuse": {
    prepare: () => meeting("item"),
    request: (ctx) => ({ socket: { event: "meeting:recuse", payload: { meetingId: ctx.meetingId, itemId: ctx.itemId, reason: "本人是承包方的亲属" } } }),
  },
  "openVote socket vote:open": {
    prepare: () => meeting("item"),
    request: (ctx) => ({ socket: { event: "vote:open", payload: { meetingId: ctx.meetingId, text: "同意本项方案", method: "named", matterKind: "general" } } }),
  },
  "castVote socket vote:cast": {
    prepare: () => meeting("vote"),
    request: (ctx) => ({ socket: { event: "vote:cast", payload: { meetingId: ctx.meetingId, motionId: ctx.motionId, choice: "yes", clientId: clientId() } } }),
  },
  "castVote POST /api/meetings/[meetingId]/vote": {
    prepare: () => meeting("vote"),
    request: (ctx) => ({
      http: { method: "POST", path: `/api/meetings/${ctx.meetingId}/vote`, form: { motionId: ctx.motionId as string, choice: "yes", clientId: clientId() } },
    }),
    judge: redirectTo(/\?voted=yes/, { unauthenticated: /^\/login/, forbidden: /error=forbidden/, not_entitled: /error=not_entitled/ }),
  },
  "recordTotals socket vote:totals": {
    prepare: async () => {
      const ctx = await meeting("item");
      ctx.motionId = (
        await as<{ result: { motionId: string } }>("chair", "vote:open", {
          meetingId: ctx.meetingId,
          text: "举手表决",
          method: "hands_totals",
          matterKind: "general",
        })
      ).result.motionId;
      return ctx;
    },
    request: (ctx) => ({
      socket: { event: "vote:totals", payload: { meetingId: ctx.meetingId, motionId: ctx.motionId, kind: "totals", yes: 1, no: 0, abstain: 0 } },
    }),
  },
  "closeVote socket vote:close": {
    prepare: () => meeting("vote"),
    request: (ctx) => ({ socket: { event: "vote:close", payload: { meetingId: ctx.meetingId, motionId: ctx.motionId } } }),
  },
  "announceResult socket vote:announce": {
    prepare: () => meeting("closed"),
    request: (ctx) => ({ socket: { event: "vote:announce", payload: { meetingId: ctx.meetingId, motionId: ctx.motionId } } }),
  },
  "adjournMeeting socket meeting:adjourn": {
    prepare: () => meeting("announced"),
    request: (ctx) => ({ socket: { event: "meeting:adjourn", payload: { meetingId: ctx.meetingId } } }),
  },
  "read:voteReceipt GET /api/audit/receipt": {
    prepare: () => meeting("closed"),
    request: (ctx) => adminHttp("GET", `/api/audit/receipt?motionId=${ctx.motionId}`),
  },
  "read:voteReceiptLink GET /api/audit/receipt/link": {
    prepare: () => meeting("closed"),
    request: (ctx) => adminHttp("GET", `/api/audit/receipt/link?motionId=${ctx.motionId}`),
  },

  "read:minutes (public meeting) socket minutes:join": {
    prepare: () => meeting("session"),
    shared: true,
    request: (ctx) => ({ socket: { event: "minutes:join", payload: { meetingId: ctx.meetingId } } }),
  },
  "read:leaveMinutes socket minutes:leave": {
    prepare: () => meeting("session"),
    shared: true,
    request: (ctx) => ({ socket: { event: "minutes:leave", payload: { meetingId: ctx.meetingId } } }),
  },
  "editMinutes socket minutes:sync": {
    prepare: () => meeting("session"),
    shared: true,
    request: (ctx) => ({
      socket: {
        event: "minutes:sync",
        payload: { meetingId: ctx.meetingId, message: minutesUpdate() },
        before: [{ event: "minutes:join", payload: { meetingId: ctx.meetingId } }],
      },
    }),
  },
  "showCaret socket minutes:awareness": {
    prepare: () => meeting("session"),
    shared: true,
    request: (ctx) => ({
      socket: {
        event: "minutes:awareness",
        payload: { meetingId: ctx.meetingId, update: caret() },
        before: [{ event: "minutes:join", payload: { meetingId: ctx.meetingId } }],
      },
    }),
  },
  "finalizeMinutes socket minutes:finalize": {
    prepare: () => meeting("adjourned"),
    request: (ctx) => ({ socket: { event: "minutes:finalize", payload: { meetingId: ctx.meetingId } } }),
  },
  "finalizeMinutes POST /api/minutes/[meetingId]/finalize": {
    prepare: () => meeting("adjourned"),
    request: (ctx) => adminHttp("POST", `/api/minutes/${ctx.meetingId}/finalize`, {}),
  },
  "signMinutes socket minutes:sign": {
    prepare: () => meeting("finalized"),
    shared: true,
    request: (ctx) => ({ socket: { event: "minutes:sign", payload: { meetingId: ctx.meetingId, versionId: ctx.versionId } } }),
  },
  "signMinutes POST /api/minutes/[meetingId]/sign": {
    prepare: () => meeting("finalized"),
    shared: true,
    request: (ctx) => adminHttp("POST", `/api/minutes/${ctx.meetingId}/sign`, { versionId: ctx.versionId }),
  },
  "correctMinutes socket minutes:correct": {
    prepare: correctable,
    request: (ctx) => ({ socket: { event: "minutes:correct", payload: { meetingId: ctx.meetingId, reason: "更正错别字" } } }),
  },
  "correctMinutes POST /api/minutes/[meetingId]/correct": {
    prepare: correctable,
    request: (ctx) => adminHttp("POST", `/api/minutes/${ctx.meetingId}/correct`, { reason: "更正错别字" }),
  },
  "recordPaperSignatures POST /api/minutes/[meetingId]/paper": {
    prepare: () => meeting("finalized"),
    request: (ctx) => ({ http: { method: "POST", path: `/api/minutes/${ctx.meetingId}/paper`, form: paperForm(ctx) } }),
  },
  "requestAssistedSignature POST /api/minutes/[meetingId]/assisted": {
    prepare: () => assistedMeeting(false),
    request: (ctx) =>
      adminHttp("POST", `/api/minutes/${ctx.meetingId}/assisted`, {
        versionId: ctx.versionId,
        personId: ctx.signer,
        witness1: people.chair,
        witness2: people.member,
      }),
  },
  "confirmWitness POST /api/minutes/[meetingId]/witness": {
    prepare: () => assistedMeeting(true),
    shared: true,
    request: (ctx) => adminHttp("POST", `/api/minutes/${ctx.meetingId}/witness`, { personId: ctx.signer }),
  },
  "read:signatureScan GET /api/minutes/[meetingId]/scans/[scanId]": {
    prepare: async () => {
      const ctx = await meeting("finalized");
      const response = await http("recorder", { method: "POST", path: `/api/minutes/${ctx.meetingId}/paper`, form: paperForm(ctx) });
      ctx.scanId = ((await response.json()) as { data: { scanId: string } }).data.scanId;
      return ctx;
    },
    shared: true,
    request: (ctx) => adminHttp("GET", `/api/minutes/${ctx.meetingId}/scans/${ctx.scanId}`),
  },

  "linkDecisionVote POST /api/notices/link-decision": {
    prepare: () => meeting("adjourned", { matter: true }),
    request: (ctx) =>
      adminHttp("POST", "/api/notices/link-decision", { matterId: ctx.matterId, motionId: ctx.motionId, reason: "提议、商议、审议已按纸质记录完成" }),
  },
  "publishDecision POST /api/notices/publish": {
    prepare: decided,
    request: (ctx) => adminHttp("POST", "/api/notices/publish", { kind: "decision", matterId: ctx.matterId }),
  },
  "publishResult POST /api/notices/publish": {
    prepare: async () => {
      const ctx = await published();
      await asAdmin("POST", `/api/admin/matters/${ctx.matterId}/move`, { to: "implementation", reason: "公示期满，开始实施" });
      return ctx;
    },
    request: (ctx) => adminHttp("POST", "/api/notices/publish", { kind: "result", matterId: ctx.matterId, body: "工程已完工，验收合格。" }),
  },
  "createPlan POST /api/implementation/plans": {
    prepare: published,
    request: (ctx) => adminHttp("POST", "/api/implementation/plans", planBody(ctx)),
  },
  "reportProgress POST /api/implementation/plans/[planId]/progress": {
    prepare: planned,
    shared: true,
    request: (ctx) => adminHttp("POST", `/api/implementation/plans/${ctx.planId}/progress`, { text: "路基完成", spent: "100", files: [] }),
  },
  "importPayments POST /api/implementation/orgs/[orgId]/payments": {
    request: () => {
      const form = new FormData();
      form.set("file", new Blob([`日期,收款人,金额,用途\n2026-06-01,平洲建筑队,${100 + ++seq},材料款\n`], { type: "text/csv" }), "payments.csv");
      return { http: { method: "POST", path: `/api/implementation/orgs/${village}/payments`, form } };
    },
  },
  "read:evidenceFile GET /api/implementation/evidence/[fileId]": {
    prepare: async () => {
      const ctx = await planned();
      const form = new FormData();
      form.set("text", "开工");
      form.set("files", new Blob([PDF], { type: "application/pdf" }), "合同.pdf");
      const response = await http("admin", { method: "POST", path: `/api/implementation/plans/${ctx.planId}/progress`, form });
      ctx.fileId = ((await response.json()) as { data: { fileIds: string[] } }).data.fileIds[0] as string;
      return ctx;
    },
    shared: true,
    request: (ctx) => adminHttp("GET", `/api/implementation/evidence/${ctx.fileId}`),
  },
  "correctNotice POST /api/notices/[noticeId]/correct": {
    prepare: published,
    request: (ctx) => adminHttp("POST", `/api/notices/${ctx.noticeId}/correct`, { reason: "更正错别字", title: `更正后的标题${++seq}` }),
  },
  "setNoticeDays POST /api/notices/orgs/[orgId]/notice-days": {
    request: () => adminHttp("POST", `/api/notices/orgs/${village}/notice-days`, { noticeDays: 5 + (++seq % 10) }),
  },
  "fileObjection POST /api/notices/[noticeId]/objections": {
    prepare: published,
    shared: true,
    request: (ctx) => adminHttp("POST", `/api/notices/${ctx.noticeId}/objections`, { text: "请说明资金来源。" }),
  },
  "replyToObjection POST /api/notices/objections/[objectionId]/reply": {
    prepare: async () => {
      const ctx = await published();
      const response = await http("member", { method: "POST", path: `/api/notices/${ctx.noticeId}/objections`, json: { text: "请说明资金来源。" } });
      ctx.objectionId = ((await response.json()) as { data: { id: string } }).data.id;
      return ctx;
    },
    request: (ctx) => adminHttp("POST", `/api/notices/objections/${ctx.objectionId}/reply`, { text: "资金来自村集体经济收入。" }),
  },
  "read:noticeBoard GET /api/notices/orgs/[orgId]/board": { shared: true, request: () => adminHttp("GET", `/api/notices/orgs/${village}/board`) },
  "read:decisionCertificate GET /c/[code]/file": {
    // The code as the decision notice prints it (issue #23).
    prepare: async () => {
      const ctx = await published();
      const page = await (await fetch(`${server.url}/n/${village}/${ctx.noticeId}`)).text();
      const code = /data-certificate-code="([0-9a-z]{8})"/.exec(page)?.[1];
      if (!code) throw new Error("the decision notice shows no certificate code");
      return { code };
    },
    shared: true,
    request: (ctx) => adminHttp("GET", `/c/${ctx.code}/file`),
    judge: (response) => (response.status === 200 && response.headers.get("content-type")?.startsWith("text/plain") ? "ok" : `status ${response.status}`),
  },

  "addSupervisionOpinion POST /api/audit/opinions": {
    request: () => adminHttp("POST", "/api/audit/opinions", { orgId: village, text: "会议程序合法，表决有效。" }),
  },
  "read:auditStatus GET /api/audit/status": { shared: true, request: () => adminHttp("GET", `/api/audit/status?orgId=${village}`) },
  "read:auditTimeline GET /api/audit/timeline": { shared: true, request: () => adminHttp("GET", `/api/audit/timeline?orgId=${village}`) },
  "read:auditProof GET /api/audit/proof": { shared: true, request: () => adminHttp("GET", `/api/audit/proof?orgId=${village}&seq=1`) },
  "read:auditBundle GET /api/audit/bundle": { shared: true, request: () => adminHttp("GET", `/api/audit/bundle?orgId=${village}`) },

  "fileMatters POST /api/admin/orgs/[orgId]/filing": {
    prepare: async () => ({ matterId: await fresh.matter() }),
    request: (ctx) => adminHttp("POST", `/api/admin/orgs/${village}/filing`, { matterIds: [ctx.matterId] }),
  },
  "requestPreReview POST /api/admin/matters/[matterId]/prereview": {
    prepare: async () => ({ matterId: await fresh.matter() }),
    request: (ctx) => adminHttp("POST", `/api/admin/matters/${ctx.matterId}/prereview`, {}),
  },
  "acknowledgeFiling POST /api/township/matters/[matterId]/receipt": {
    prepare: async () => {
      const matterId = await fresh.matter();
      await asAdmin("POST", `/api/admin/orgs/${village}/filing`, { matterIds: [matterId] });
      return { matterId };
    },
    request: (ctx) => adminHttp("POST", `/api/township/matters/${ctx.matterId}/receipt`, {}),
  },
  "decidePreReview POST /api/township/prereviews/[preReviewId]": {
    prepare: async () => {
      const matterId = await fresh.matter();
      return { preReviewId: (await asAdmin<{ id: string }>("POST", `/api/admin/matters/${matterId}/prereview`, {})).id };
    },
    request: (ctx) => adminHttp("POST", `/api/township/prereviews/${ctx.preReviewId}`, { decision: "approve", title: "镇街工作人员" }),
  },
  "createVillage POST /api/township/[townshipId]/villages": {
    request: () =>
      adminHttp("POST", `/api/township/${township}/villages`, {
        name: `矩阵村${++seq}`,
        adminPhone: `1360000${String(++seq).padStart(4, "0")}`,
        adminName: "新村管理员",
        adminPassword: "initial-pass",
      }),
  },
  "setTownshipSettings POST /api/township/[townshipId]/settings": {
    request: () => adminHttp("POST", `/api/township/${township}/settings`, DEMO_TOWNSHIP_PRE_REVIEW),
  },
  "read:townshipOverview GET /api/township/[townshipId]/overview": { shared: true, request: () => adminHttp("GET", `/api/township/${township}/overview`) },
  "read:townshipWeekly GET /api/township/[townshipId]/weekly": { shared: true, request: () => adminHttp("GET", `/api/township/${township}/weekly`) },
  "read:townshipWeeklyCsv GET /api/township/[townshipId]/weekly/csv": {
    shared: true,
    request: () => adminHttp("GET", `/api/township/${township}/weekly/csv`),
    judge: (response) => (response.status === 200 && response.headers.get("content-type") === "text/csv; charset=utf-8" ? "ok" : judgeStatus(response.status)),
  },
  "read:townshipWeeklyPdf GET /api/township/[townshipId]/weekly/pdf": {
    shared: true,
    request: () => adminHttp("GET", `/api/township/${township}/weekly/pdf`),
    judge: (response) => (response.status === 200 && response.headers.get("content-type") === "application/pdf" ? "ok" : judgeStatus(response.status)),
  },
  "addTownshipAttendee POST /api/meetings/[meetingId]/township-attendee": {
    prepare: () => meeting("session"),
    request: async (ctx) => adminHttp("POST", `/api/meetings/${ctx.meetingId}/township-attendee`, { accountId: await reviewerAccountId() }),
  },
  "signAsTownshipWitness POST /api/minutes/[meetingId]/township-witness": {
    prepare: async () => {
      const ctx = await meeting("session");
      const response = await http("chair", {
        method: "POST",
        path: `/api/meetings/${ctx.meetingId}/township-attendee`,
        json: { accountId: await reviewerAccountId() },
      });
      if ((await judgeJson(response)) !== "ok") throw new Error("the chair could not record the township reviewer as attending");
      await as("chair", "meeting:adjourn", { meetingId: ctx.meetingId });
      ctx.versionId = (await as<{ versionId: string }>("recorder", "minutes:finalize", { meetingId: ctx.meetingId })).versionId;
      return ctx;
    },
    request: (ctx) => adminHttp("POST", `/api/minutes/${ctx.meetingId}/township-witness`, { versionId: ctx.versionId }),
  },
  "read:matter GET /api/matters/[matterId]": {
    prepare: async () => ({ matterId: await fresh.matter() }),
    shared: true,
    request: (ctx) => adminHttp("GET", `/api/matters/${ctx.matterId}`),
  },
  "read:alerts GET /api/orgs/[orgId]/alerts": { shared: true, request: () => adminHttp("GET", `/api/orgs/${village}/alerts`) },
  "read:archivePackage GET /api/archive": {
    prepare: () => meeting("finalized"),
    shared: true,
    request: (ctx) => adminHttp("GET", `/api/archive?meetingId=${ctx.meetingId}`),
  },

  "read:whoAmI socket session": { shared: true, request: () => ({ socket: { event: "session", payload: null } }) },
  "logoutEverywhere POST /api/account/logout-everywhere": { request: () => adminHttp("POST", "/api/account/logout-everywhere", {}) },
  "setPreferences POST /api/preferences": {
    shared: true,
    request: () => ({ http: { method: "POST", path: "/api/preferences", form: { elder: "1" } } }),
    judge: (response) => (response.status === 303 ? "ok" : `status ${response.status}`),
  },
  "setPassword POST /login/qr/password/save": {
    shared: true,
    request: () => ({
      http: { method: "POST", path: "/login/qr/password/save", form: { password: DEMO_PASSWORD, confirm: DEMO_PASSWORD, currentPassword: DEMO_PASSWORD } },
    }),
    judge: redirectTo(/^\/me\?password=set/, { unauthenticated: /^\/login$/ }),
  },
};

let reviewerId = "";
/** The demo township's reviewer (黄预审): the account the chair picks from the township's reviewers. */
async function reviewerAccountId(): Promise<string> {
  if (!reviewerId) {
    const who = await as<{ accountId: string | null }>("townReviewer", "session", null);
    reviewerId = who.accountId ?? "";
    if (!reviewerId) throw new Error("the reviewer's session names no account");
  }
  return reviewerId;
}

function label(row: PermissionRow, via: Channel): string {
  return `${row.action} ${"http" in via ? via.http : `socket ${via.socket}`}`;
}

/** What a refused role may be answered: `unauthenticated` without a session, else `forbidden` or the row's code. */
function acceptableRefusals(row: PermissionRow, role: MatrixRole): string[] {
  if (role === "anonymous") return ["unauthenticated"];
  return row.refusal ? ["forbidden", row.refusal] : ["forbidden"];
}

async function relogin(role: MatrixRole): Promise<void> {
  const phone = role === "observer" ? OBSERVER_PHONE : PHONES[role];
  if (!phone) return;
  const cookie = await login(server.url, phone, DEMO_PASSWORD);
  if (!cookie) throw new Error(`login failed for ${role}`);
  cookies.set(role, cookie);
}

beforeAll(async () => {
  server = await startServer({ appRole: true });
  cookies.set("anonymous", "");
  for (const role of Object.keys(PHONES) as MatrixRole[]) await relogin(role);
  const orgs = await asAdmin<{ id: string; level: string }[]>("GET", "/api/orgs");
  village = orgs.find((o) => o.level === "village")?.id as string;
  const townOrgs = (await (await http("townAdmin", { method: "GET", path: "/api/orgs" })).json()) as { data: { id: string; level: string }[] };
  township = townOrgs.data.find((o) => o.level === "township")?.id as string;
  const register = await asAdmin<{ people: { id: string; name: string }[] }>("GET", `/api/admin/orgs/${village}/people`);
  const byName = (name: string) => register.people.find((p) => p.name === name)?.id as string;
  Object.assign(people, { chair: byName("陈国强"), recorder: byName("梁丽娟"), member: byName("黄锦华") });
  // The observer: a resident of the village with an account and no role anywhere.
  const observer = (await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/people`, { name: "旁听村民", gender: "male" })).id;
  await asAdmin("POST", `/api/admin/orgs/${village}/accounts`, { personId: observer, phone: OBSERVER_PHONE, displayName: "旁听村民", password: DEMO_PASSWORD });
  await relogin("observer");
  // The test body: the demo chair and recorder as its officers, one voting member, so that roles do not overlap.
  bodyId = (await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/bodies`, { kind: "villager-representatives", name: "权限矩阵测试代表会议" })).id;
  await asAdmin("POST", `/api/admin/bodies/${bodyId}/roster`, { members: [{ personId: people.member, seat: "representative" }] });
  await asAdmin("POST", `/api/admin/bodies/${bodyId}/officers`, { chairId: people.chair, recorderId: people.recorder });
}, 180_000);

afterAll(async () => server?.cleanup());

describe("the permission matrix", () => {
  it("has a row for every command, socket event and route, and a fixture here for every row", async () => {
    expect(await matrixProblems(process.cwd())).toEqual([]);
    // Rows authorized by a one-time token have their own test below.
    const missing = PERMISSIONS.filter((row) => !row.byToken)
      .flatMap((row) => row.via.map((via) => label(row, via)))
      .filter((key) => !(key in FIXTURES));
    expect(missing).toEqual([]);
  });

  it("fails the check for a new command, socket event or route that has no row", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "yishi-matrix-"));
    try {
      mkdirSync(path.join(root, "server/commands/extra"), { recursive: true });
      mkdirSync(path.join(root, "server/realtime"), { recursive: true });
      mkdirSync(path.join(root, "app/api/extra"), { recursive: true });
      writeFileSync(path.join(root, "server/commands/extra/renameVillage.ts"), "export function renameVillage(input: unknown, actor: Actor) {}\n");
      writeFileSync(path.join(root, "server/realtime/extra.ts"), 'socket.on("village:rename", handle(schema, rename));\n');
      writeFileSync(path.join(root, "app/api/extra/route.ts"), "export async function POST(request: Request) {}\n");
      expect(await matrixProblems(root)).toEqual(
        expect.arrayContaining([
          "command renameVillage has no row in server/auth/matrix.ts",
          "socket event village:rename has no row in server/auth/matrix.ts",
          "route POST /api/extra has no row in server/auth/matrix.ts",
        ]),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  for (const row of PERMISSIONS.filter((r) => !r.byToken)) {
    for (const via of row.via) {
      const key = label(row, via);
      const refused = MATRIX_ROLES.filter((role) => !row.allow.includes(role));
      it(`${key}: ${row.allow.join(", ")} — refused: ${refused.join(", ") || "nobody"}`, async () => {
        const fixture = FIXTURES[key];
        if (!fixture) throw new Error(`no fixture for ${key}`);
        let ctx = (await fixture.prepare?.()) ?? {};
        const before = await auditSize(village);
        const answers: Record<string, string> = {};
        for (const role of refused) answers[role] = await send(role, fixture, ctx);
        const wrong = Object.entries(answers).filter(([role, answer]) => !acceptableRefusals(row, role as MatrixRole).includes(answer));
        expect(wrong, "refused roles answered otherwise").toEqual([]);
        expect(await auditSize(village), "a refused request wrote nothing").toBe(before);
        for (const [index, role] of row.allow.entries()) {
          if (index > 0 && !fixture.shared && fixture.prepare) ctx = await fixture.prepare();
          expect([role, await send(role, fixture, ctx)]).toEqual([role, "ok"]);
          if (row.action === "logoutEverywhere" || row.action === "setAccountDisabled") await relogin(role);
        }
      });
    }
  }

  it("coSignWithCode POST /api/proposals/[proposalId]/sign-code: anyone holding a valid 联名码, nobody without one", async () => {
    const issue = async () => {
      const proposalId = await fresh.proposal();
      const person = await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/people`, { name: `凭码联名${++seq}`, gender: "male" });
      const { code } = await asAdmin<{ code: string }>("POST", `/api/proposals/${proposalId}/codes`, { personId: person.id });
      return { proposalId, code };
    };
    const { proposalId } = await issue();
    const before = await auditSize(village);
    for (const role of MATRIX_ROLES) {
      const answer = await judgeJson(await http(role, { method: "POST", path: `/api/proposals/${proposalId}/sign-code`, json: { code: "0000000000" } }));
      expect([role, answer]).toEqual([role, "invalid_input"]);
    }
    expect(await auditSize(village)).toBe(before);
    for (const role of MATRIX_ROLES) {
      const { proposalId: id, code } = await issue();
      expect([role, await judgeJson(await http(role, { method: "POST", path: `/api/proposals/${id}/sign-code`, json: { code } }))]).toEqual([role, "ok"]);
    }
  });

  it("read:voteReceiptPage GET /r/[token]: anyone holding the voter's link, nobody with a made-up or altered one", async () => {
    const ctx = await meeting("closed");
    const link = await (await http("member", { method: "GET", path: `/api/audit/receipt/link?motionId=${ctx.motionId}` })).json();
    const path = (link as { data: { path: string } }).data.path;
    expect(path).toMatch(/^\/r\/[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{22}$/);
    const [, token] = /^\/r\/(.*)$/.exec(path) ?? [];
    const mac = token.slice(-22);
    const altered = [
      `${token.slice(0, -22)}${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`,
      token.replace(/\.(\d+)\./, (_m, n) => `.${Number(n) - 1}.`),
      "A".repeat(22),
    ];
    const page = async (role: MatrixRole, p: string) => {
      const response = await http(role, { method: "GET", path: p });
      return { status: response.status, html: await response.text() };
    };
    // The refusal as rendered (the words also travel in the page's client messages, so look for the alert itself).
    const refused = /<p role="alert" class="alert">找不到这张回执/;
    for (const role of MATRIX_ROLES) {
      for (const bad of altered) {
        const { html } = await page(role, `/r/${bad}`);
        expect([role, refused.test(html), html.includes("c2sp.org/tlog-proof")]).toEqual([role, true, false]);
      }
      const { status, html } = await page(role, path);
      expect([role, status, html.includes("c2sp.org/tlog-proof@v1"), refused.test(html)]).toEqual([role, 200, true, false]);
    }
  });

  it("redeemLoginToken POST /login/qr: anyone holding a valid one-time code, nobody without one", async () => {
    const codeFor = async () => {
      const id = await fresh.body();
      const person = await asAdmin<{ id: string }>("POST", `/api/admin/orgs/${village}/people`, {
        name: `扫码${++seq}`,
        gender: "male",
        phone: `135${String(++seq).padStart(8, "0")}`,
      });
      await asAdmin("POST", `/api/admin/bodies/${id}/roster`, { members: [{ personId: person.id }] });
      const sheet = await asAdmin<{ codes: { token: string }[] }>("POST", `/api/admin/bodies/${id}/login-codes`, {});
      return sheet.codes[0]?.token as string;
    };
    const judge = redirectTo(/^\/login\/qr\/password/, { refused: /^\/(login|q\/)/ });
    const before = await auditSize(village);
    for (const role of MATRIX_ROLES) {
      const response = await http(role, { method: "POST", path: "/login/qr", form: { token: "A".repeat(22) } });
      expect([role, judge(response)]).toEqual([role, "refused"]);
    }
    expect(await auditSize(village)).toBe(before);
    for (const role of MATRIX_ROLES) {
      const response = await http(role, { method: "POST", path: "/login/qr", form: { token: await codeFor() } });
      expect([role, judge(response)]).toEqual([role, "ok"]);
    }
  });
});
