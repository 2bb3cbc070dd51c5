/**
 * Every admin command over HTTP, as every role (DESIGN.md §4): only an admin of that organization may; the chair,
 * recorder, members, supervisors, an admin of another village and anonymous visitors are refused and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminApi, mainOf, type Role } from "@/server/testing/adminApi";
import { startServer, type TestServer } from "@/server/testing/server";

const REFUSED: Role[] = ["chair", "recorder", "member", "supervisor", "foreignAdmin", "anonymous"];
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let server: TestServer;
let api: AdminApi;
let village: string;
let seq = 0;

beforeAll(async () => {
  server = await startServer();
  api = new AdminApi(server.url);
  await api.loginAll();
  const orgs = (await api.call("admin", "GET", "/api/orgs")).data as unknown as { id: string; level: string }[];
  village = orgs.find((o) => o.level === "village")?.id as string;
});
afterAll(async () => server?.cleanup());

/** Fresh objects for each check, made by the admin over HTTP. */
const fresh = {
  person: async () => (await api.must("POST", `/api/admin/orgs/${village}/people`, { name: `测试${++seq}`, gender: "female" })).id as string,
  body: async () => (await api.must("POST", `/api/admin/orgs/${village}/bodies`, { kind: "board", name: `理事会${++seq}` })).id as string,
  meeting: async (bodyId?: string) =>
    (await api.must("POST", "/api/admin/meetings", {
      bodyId: bodyId ?? (await fresh.body()), number: `第${++seq}次`, title: "测试会议", startsAt: "2030-01-10T09:30:00+08:00", place: "村委会",
      agenda: [{ title: "一" }, { title: "二" }],
    })).id as string,
  item: async () => {
    const meetingId = await fresh.meeting();
    return (await api.must("POST", `/api/admin/meetings/${meetingId}/agenda`, { title: "新增议程" })).id as string;
  },
  material: async (meetingId: string) => {
    const form = new FormData();
    form.set("file", new Blob([PDF], { type: "application/pdf" }), "材料.pdf");
    const response = await fetch(`${server.url}/api/admin/meetings/${meetingId}/materials`, { method: "POST", headers: { cookie: api.cookie("admin"), accept: "application/json" }, body: form });
    return ((await response.json()) as { data: { id: string } }).data.id;
  },
  matter: async () => (await api.must("POST", "/api/admin/matters", { orgId: village, title: `事项${++seq}`, source: "villagers" })).id as string,
  account: async () => {
    const personId = await fresh.person();
    return (await api.must("POST", `/api/admin/orgs/${village}/accounts`, { personId, phone: `1370000${String(++seq).padStart(4, "0")}`, displayName: "测试", password: "initial-pass" })).id as string;
  },
};

type Check = { name: string; request: () => Promise<{ method: "GET" | "POST"; path: string; body?: unknown }> };

const CHECKS: Check[] = [
  { name: "createOrganization (cooperative)", request: async () => ({ method: "POST", path: "/api/admin/orgs", body: { name: `合作社${++seq}`, level: "cooperative", parentId: village } }) },
  { name: "updateOrganization", request: async () => ({ method: "POST", path: `/api/admin/orgs/${village}`, body: { noticeDays: 5 + (++seq % 10) } }) },
  { name: "createHousehold", request: async () => ({ method: "POST", path: `/api/admin/orgs/${village}/households`, body: { number: `户${++seq}` } }) },
  { name: "createPerson", request: async () => ({ method: "POST", path: `/api/admin/orgs/${village}/people`, body: { name: "新人", gender: "male" } }) },
  { name: "updatePerson", request: async () => ({ method: "POST", path: `/api/admin/people/${await fresh.person()}`, body: { name: "改名", phone: "13912345678" } }) },
  { name: "deletePerson", request: async () => ({ method: "POST", path: `/api/admin/people/${await fresh.person()}/delete`, body: {} }) },
  {
    name: "importRoster",
    request: async () => ({ method: "POST", path: `/api/admin/orgs/${village}/roster-import`, body: { csv: `姓名,性别,户号\n导入${++seq},男,新户${seq}\n`, dryRun: false, createMissingHouseholds: true } }),
  },
  { name: "importRoster preview", request: async () => ({ method: "POST", path: `/api/admin/orgs/${village}/roster-import`, body: { csv: "姓名,性别\n预览,男\n", dryRun: true } }) },
  { name: "createAccount", request: async () => ({ method: "POST", path: `/api/admin/orgs/${village}/accounts`, body: { personId: await fresh.person(), phone: `1360000${String(++seq).padStart(4, "0")}`, displayName: "新账号", password: "initial-pass", roles: ["admin"] } }) },
  { name: "grantRole", request: async () => ({ method: "POST", path: `/api/admin/orgs/${village}/roles/grant`, body: { accountId: await fresh.account(), role: "admin" } }) },
  {
    name: "revokeRole",
    request: async () => {
      const accountId = await fresh.account();
      await api.must("POST", `/api/admin/orgs/${village}/roles/grant`, { accountId, role: "supervisor" });
      return { method: "POST", path: `/api/admin/orgs/${village}/roles/revoke`, body: { accountId, role: "supervisor" } };
    },
  },
  { name: "createBody", request: async () => ({ method: "POST", path: `/api/admin/orgs/${village}/bodies`, body: { kind: "member-representatives", name: "成员代表大会" } }) },
  { name: "setRoster", request: async () => ({ method: "POST", path: `/api/admin/bodies/${await fresh.body()}/roster`, body: { members: [{ personId: await fresh.person() }] } }) },
  { name: "setOfficers", request: async () => ({ method: "POST", path: `/api/admin/bodies/${await fresh.body()}/officers`, body: { chairId: await fresh.person(), recorderId: null } }) },
  { name: "updateCharter", request: async () => ({ method: "POST", path: `/api/admin/bodies/${await fresh.body()}/charter`, body: { charter: { pass: { numerator: 3, denominator: 4 }, publishNamedVotes: true } } }) },
  {
    name: "issueLoginTokens",
    request: async () => {
      const bodyId = await fresh.body();
      await api.must("POST", `/api/admin/bodies/${bodyId}/roster`, { members: [{ personId: await fresh.person() }] });
      return { method: "POST", path: `/api/admin/bodies/${bodyId}/login-codes`, body: {} };
    },
  },
  { name: "scheduleMeeting", request: async () => ({ method: "POST", path: "/api/admin/meetings", body: { bodyId: await fresh.body(), number: "1", title: "会议", startsAt: "2030-02-01T09:00:00+08:00", place: "礼堂" } }) },
  { name: "updateMeeting", request: async () => ({ method: "POST", path: `/api/admin/meetings/${await fresh.meeting()}`, body: { place: "新地点" } }) },
  { name: "addAgendaItem", request: async () => ({ method: "POST", path: `/api/admin/meetings/${await fresh.meeting()}/agenda`, body: { title: "加一项", matterId: await fresh.matter() } }) },
  { name: "updateAgendaItem", request: async () => ({ method: "POST", path: `/api/admin/agenda/${await fresh.item()}`, body: { title: "改名" } }) },
  { name: "removeAgendaItem", request: async () => ({ method: "POST", path: `/api/admin/agenda/${await fresh.item()}/delete`, body: {} }) },
  { name: "removeMaterial", request: async () => ({ method: "POST", path: `/api/admin/materials/${await fresh.material(await fresh.meeting())}/delete`, body: {} }) },
  { name: "raiseMatter", request: async () => ({ method: "POST", path: "/api/admin/matters", body: { orgId: village, title: "新事项", source: "party" } }) },
  { name: "moveMatter", request: async () => ({ method: "POST", path: `/api/admin/matters/${await fresh.matter()}/move`, body: { to: "proposal", reason: "支部受理" } }) },
  { name: "read: organization summary", request: async () => ({ method: "GET", path: `/api/admin/orgs/${village}` }) },
  { name: "read: register with phones", request: async () => ({ method: "GET", path: `/api/admin/orgs/${village}/people` }) },
];

describe("admin commands over HTTP, by role", () => {
  for (const check of CHECKS) {
    it(`${check.name}: only the organization's admin`, async () => {
      const { method, path, body } = await check.request();
      const before = await api.auditSize(village);
      for (const role of REFUSED) {
        const answer = await api.call(role, method, path, body);
        expect([answer.status, answer.error?.code], `${role} ${check.name}`).toEqual(role === "anonymous" ? [401, "unauthenticated"] : [403, "forbidden"]);
      }
      expect(await api.auditSize(village), "a refused request wrote nothing").toBe(before);
      const allowed = await api.call("admin", method, path, body);
      expect(allowed.error).toBeUndefined();
      expect(allowed.status).toBe(200);
    });
  }

  it("uploadMaterial (multipart): only the organization's admin", async () => {
    const meetingId = await fresh.meeting();
    const before = await api.auditSize(village);
    const upload = async (role: Role) => {
      const form = new FormData();
      form.set("file", new Blob([PDF], { type: "application/pdf" }), "a.pdf");
      const response = await fetch(`${server.url}/api/admin/meetings/${meetingId}/materials`, { method: "POST", headers: { cookie: api.cookie(role), accept: "application/json" }, body: form });
      return { status: response.status, json: (await response.json()) as { ok: boolean; error?: { code: string } } };
    };
    for (const role of REFUSED) {
      const { status, json } = await upload(role);
      expect([status, json.error?.code], role).toEqual(role === "anonymous" ? [401, "unauthenticated"] : [403, "forbidden"]);
    }
    expect(await api.auditSize(village)).toBe(before);
    expect((await upload("admin")).json.ok).toBe(true);
  });

  it("materials open for the organization's people and officers, admins and supervisors; not for another village", async () => {
    const meetingId = await fresh.meeting();
    const materialId = await fresh.material(meetingId);
    const path = `/meetings/${meetingId}/materials/${materialId}`;
    for (const role of ["admin", "chair", "recorder", "member", "supervisor"] as const) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie: api.cookie(role) } });
      expect(response.status, role).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
    }
    expect((await fetch(`${server.url}${path}`, { headers: { cookie: api.cookie("foreignAdmin") } })).status).toBe(403);
    expect((await fetch(`${server.url}${path}`)).status).toBe(401);
    const page = async (role: Role) => mainOf(await (await fetch(`${server.url}/meetings/${meetingId}`, { headers: { cookie: api.cookie(role), "accept-language": "zh-CN" } })).text());
    expect(await page("member")).toContain("材料.pdf");
    expect(await page("foreignAdmin")).toContain("没有权限");
    expect(await page("foreignAdmin")).not.toContain("材料.pdf");
  });

  it("a matter's page is for its organization only", async () => {
    const matterId = await fresh.matter();
    const page = async (role: Role) => mainOf(await (await fetch(`${server.url}/matters/${matterId}`, { headers: { cookie: api.cookie(role), "accept-language": "zh-CN" } })).text());
    expect(await page("supervisor")).toContain("办理经过");
    expect(await page("supervisor")).not.toContain("手动调整阶段");
    expect(await page("admin")).toContain("手动调整阶段");
    expect(await page("foreignAdmin")).toContain("没有权限");
  });
});
