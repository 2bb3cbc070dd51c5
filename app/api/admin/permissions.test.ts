/**
 * Reading an organization's files and pages, by role (DESIGN.md §4). Every admin command over HTTP, as every role,
 * is walked by the permission-matrix test (server/auth/matrix.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminApi, mainOf, type Role } from "@/server/testing/adminApi";
import { startServer, type TestServer } from "@/server/testing/server";

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
    (
      await api.must("POST", "/api/admin/meetings", {
        bodyId: bodyId ?? (await fresh.body()),
        number: `第${++seq}次`,
        title: "测试会议",
        startsAt: "2030-01-10T09:30:00+08:00",
        place: "村委会",
        agenda: [{ title: "一" }, { title: "二" }],
      })
    ).id as string,
  item: async () => {
    const meetingId = await fresh.meeting();
    return (await api.must("POST", `/api/admin/meetings/${meetingId}/agenda`, { title: "新增议程" })).id as string;
  },
  material: async (meetingId: string) => {
    const form = new FormData();
    form.set("file", new Blob([PDF], { type: "application/pdf" }), "材料.pdf");
    const response = await fetch(`${server.url}/api/admin/meetings/${meetingId}/materials`, {
      method: "POST",
      headers: { cookie: api.cookie("admin"), accept: "application/json" },
      body: form,
    });
    return ((await response.json()) as { data: { id: string } }).data.id;
  },
  matter: async () => (await api.must("POST", "/api/admin/matters", { orgId: village, title: `事项${++seq}`, source: "villagers" })).id as string,
  account: async () => {
    const personId = await fresh.person();
    return (
      await api.must("POST", `/api/admin/orgs/${village}/accounts`, {
        personId,
        phone: `1370000${String(++seq).padStart(4, "0")}`,
        displayName: "测试",
        password: "initial-pass",
      })
    ).id as string;
  },
};

describe("admin pages and files, by role", () => {
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
    const page = async (role: Role) =>
      mainOf(await (await fetch(`${server.url}/meetings/${meetingId}`, { headers: { cookie: api.cookie(role), "accept-language": "zh-CN" } })).text());
    expect(await page("member")).toContain("材料.pdf");
    expect(await page("foreignAdmin")).toContain("没有权限");
    expect(await page("foreignAdmin")).not.toContain("材料.pdf");
  });

  it("a matter's page is for its organization only", async () => {
    const matterId = await fresh.matter();
    const page = async (role: Role) =>
      mainOf(await (await fetch(`${server.url}/matters/${matterId}`, { headers: { cookie: api.cookie(role), "accept-language": "zh-CN" } })).text());
    expect(await page("supervisor")).toContain("办理经过");
    expect(await page("supervisor")).not.toContain("手动调整阶段");
    expect(await page("admin")).toContain("手动调整阶段");
    expect(await page("foreignAdmin")).toContain("没有权限");
  });
});
