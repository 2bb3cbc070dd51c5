/**
 * What an admin and the people they onboard notice, over HTTP against a real server: cooperatives and separate
 * roles, deleting a person, QR code login, materials, legal warnings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminApi, mainOf } from "@/server/testing/adminApi";
import { cookiesOf, login } from "@/server/testing/http";
import { startServer, type TestServer } from "@/server/testing/server";
import { demoPhone } from "../../../server/testing/builders";

let server: TestServer;
let api: AdminApi;
let village: string;

beforeAll(async () => {
  server = await startServer();
  api = new AdminApi(server.url);
  await api.loginAll();
  const orgs = (await api.call("admin", "GET", "/api/orgs")).data as unknown as { id: string; level: string }[];
  village = orgs.find((o) => o.level === "village")?.id as string;
});
afterAll(async () => server?.cleanup());

const page = async (path: string, cookie: string) =>
  mainOf(await (await fetch(`${server.url}${path}`, { headers: { cookie, "accept-language": "zh-CN" } })).text());

async function postForm(path: string, fields: Record<string, string | Blob>, cookie: string): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return fetch(`${server.url}${path}`, { method: "POST", body: form, redirect: "manual", headers: { cookie } });
}

type Person = { id: string; name: string; phone: string | null; deletedAt: string | null; account: { id: string; roles: string[] } | null };
const register = async () => (await api.must("GET", `/api/admin/orgs/${village}/people`)).people as unknown as Person[];

describe("cooperatives and roles", () => {
  it("the village admin who creates a cooperative administers it; its own admin does not administer the village", async () => {
    const coop = (await api.must("POST", "/api/admin/orgs", { name: "第二经济合作社", level: "cooperative", parentId: village })).id as string;
    const summary = await api.must("GET", `/api/admin/orgs/${coop}`);
    expect(summary).toMatchObject({ level: "cooperative", parent: { id: village } });
    await api.must("POST", `/api/admin/orgs/${coop}/accounts`, {
      phone: "13600000001",
      displayName: "合作社管理员",
      password: "coop-admin-1",
      roles: ["admin"],
    });
    const coopAdmin = await login(server.url, "13600000001", "coop-admin-1");
    api.setCookie("anonymous", coopAdmin ?? "");
    expect((await api.call("anonymous", "POST", `/api/admin/orgs/${village}/people`, { name: "越权", gender: "male" })).status).toBe(403);
    expect((await api.call("anonymous", "POST", `/api/admin/orgs/${coop}/people`, { name: "社员甲", gender: "male" })).ok).toBe(true);
    // The cooperative's admin takes the village admin's cooperative role away: the village admin is then refused there.
    const accounts = await fetch(`${server.url}/admin/orgs/${coop}/accounts`, { headers: { cookie: coopAdmin ?? "" } });
    expect(accounts.status).toBe(200);
    const adminAccountId = /name="accountId" value="([^"]+)"/.exec(mainOf(await accounts.text()))?.[1] as string;
    expect((await api.call("anonymous", "POST", `/api/admin/orgs/${coop}/roles/revoke`, { accountId: adminAccountId, role: "admin" })).ok).toBe(true);
    expect((await api.call("admin", "POST", `/api/admin/orgs/${coop}/people`, { name: "越权", gender: "male" })).status).toBe(403);
    api.setCookie("anonymous", "");
  });

  it("refuses to remove an organization's last admin", async () => {
    const accounts = mainOf(await (await fetch(`${server.url}/admin/orgs/${village}/accounts`, { headers: { cookie: api.cookie("admin") } })).text());
    const adminAccountId = /name="accountId" value="([^"]+)"/.exec(accounts)?.[1] as string;
    const answer = await api.call("admin", "POST", `/api/admin/orgs/${village}/roles/revoke`, { accountId: adminAccountId, role: "admin" });
    expect(answer.error?.code).toBe("conflict");
    const form = await postForm(
      `/api/admin/orgs/${village}/roles/revoke`,
      { accountId: adminAccountId, role: "admin", back: `/admin/orgs/${village}/accounts` },
      api.cookie("admin"),
    );
    expect(form.status).toBe(303);
    const location = form.headers.get("location") as string;
    expect(location).toContain("reason=last_admin");
    expect(await page(location, api.cookie("admin"))).toContain("这是本组织唯一的管理员");
  });
});

describe("people", () => {
  it("deleting a person removes their phone, their seats and their login, and keeps the name", async () => {
    const before = await register();
    const member = before.find((p) => p.phone === "13900000007") as Person; // 黄锦华, a demo member with a login
    expect(await login(server.url, demoPhone("member"), "yishi-demo")).not.toBeNull();
    await api.must("POST", `/api/admin/people/${member.id}/delete`, {});
    const after = (await register()).find((p) => p.id === member.id) as Person;
    expect(after).toMatchObject({ name: member.name, phone: null });
    expect(after.deletedAt).not.toBeNull();
    expect(await login(server.url, demoPhone("member"), "yishi-demo")).toBeNull();
    expect((await api.call("admin", "POST", `/api/admin/people/${member.id}`, { name: "复活" })).error?.code).toBe("conflict");
  });

  it("imports nothing from a plain form post of a broken file, and says so", async () => {
    const before = (await register()).length;
    const csv = new Blob(["姓名,手机号,性别\n甲,123,男\n乙,13912340000,男\n"], { type: "text/csv" });
    const response = await postForm(`/api/admin/orgs/${village}/roster-import`, { file: csv, back: `/admin/orgs/${village}/import` }, api.cookie("admin"));
    expect(response.headers.get("location")).toContain("error=invalid_input");
    expect((await register()).length).toBe(before);
  });
});

describe("households", () => {
  type Household = { id: string; number: string; head: string | null };
  const households = async () => (await api.must("GET", `/api/admin/orgs/${village}/people`)).households as unknown as Household[];

  it("renames a household, refuses a number another household has, and shows the change on the register page", async () => {
    const { id } = await api.must("POST", `/api/admin/orgs/${village}/households`, { number: "九队1号" });
    await api.must("POST", `/api/admin/orgs/${village}/households`, { number: "九队2号" });
    const before = await api.auditSize(village);
    const response = await postForm(
      `/api/admin/households/${id}`,
      { number: "九队3号", head: "何志明", back: `/admin/orgs/${village}/people` },
      api.cookie("admin"),
    );
    expect(response.headers.get("location")).toContain("saved=1");
    expect((await households()).find((h) => h.id === id)).toMatchObject({ number: "九队3号", head: "何志明" });
    expect(await api.auditSize(village)).toBe(before + 1);
    const clash = await postForm(`/api/admin/households/${id}`, { number: "九队2号", head: "", back: `/admin/orgs/${village}/people` }, api.cookie("admin"));
    const location = clash.headers.get("location") ?? "";
    expect(location).toContain("error=conflict");
    expect(location).toContain("reason=number_taken");
    expect(await page(location, api.cookie("admin"))).toContain("本组织已有这个户号");
    expect((await households()).find((h) => h.id === id)?.number).toBe("九队3号");
    expect(await api.auditSize(village)).toBe(before + 1);
  });

  it("removes an empty household, and refuses one that still has people until they are moved", async () => {
    const { id } = await api.must("POST", `/api/admin/orgs/${village}/households`, { number: "十队1号" });
    const { id: personId } = await api.must("POST", `/api/admin/orgs/${village}/people`, { name: "何小青", gender: "female", householdId: id });
    const refused = await api.call("admin", "POST", `/api/admin/households/${id}/delete`, {});
    expect(refused.error).toMatchObject({ code: "conflict" });
    expect(await page(`/admin/orgs/${village}/people`, api.cookie("admin"))).not.toContain("删除户 十队1号");
    await api.must("POST", `/api/admin/people/${personId}`, { householdId: null });
    expect(await page(`/admin/orgs/${village}/people`, api.cookie("admin"))).toContain("删除户 十队1号");
    await api.must("POST", `/api/admin/households/${id}/delete`, {});
    expect((await households()).some((h) => h.id === id)).toBe(false);
  });
});

describe("QR code login", () => {
  it("a member opens the code, logs in, sets a 6-digit PIN, and the code is then used up", async () => {
    const people = await register();
    const withPhone = people.filter((p) => p.phone && !p.account && !p.deletedAt).slice(0, 3);
    const noPhone = (await api.must("POST", `/api/admin/orgs/${village}/people`, { name: "无手机", gender: "female" })).id as string;
    const bodyId = (await api.must("POST", `/api/admin/orgs/${village}/bodies`, { kind: "board", name: "扫码测试理事会" })).id as string;
    await api.must("POST", `/api/admin/bodies/${bodyId}/roster`, { members: [...withPhone.map((p) => ({ personId: p.id })), { personId: noPhone }] });
    const sheet = await api.must("POST", `/api/admin/bodies/${bodyId}/login-codes`, {});
    const codes = sheet.codes as { name: string; token: string; personId: string }[];
    expect(codes.map((c) => c.personId).sort()).toEqual(withPhone.map((p) => p.id).sort());
    expect(sheet.skipped).toEqual([{ personId: noPhone, name: "无手机", reason: "no_phone" }]);
    const code = codes[0] as { name: string; token: string; personId: string };
    const person = withPhone.find((p) => p.id === code.personId) as Person;

    // The printed sheet (a form post) shows every code as a QR image and its URL.
    const printed = await (await postForm(`/api/admin/bodies/${bodyId}/login-codes`, {}, api.cookie("admin"))).text();
    expect(printed).toContain("<svg");
    expect(printed).toContain(`${server.url}/q/`);
    expect(printed).toContain("无手机：没有手机号");
    // Printing again voided the first sheet's codes.
    expect(await page(`/q/${code.token}`, "")).toContain("这个登录码无效");
    const fresh = /\/q\/([A-Za-z0-9_-]{22})/.exec(printed.slice(printed.indexOf(person.name)))?.[1] as string;

    expect(await page(`/q/${fresh}`, "")).toContain(`${person.name}，您好`);
    const crossSite = await fetch(`${server.url}/login/qr`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "http://evil.example" },
      body: new URLSearchParams({ token: fresh }),
    });
    // Refused at the server's door (server/web/requestGate.ts): the code is not used up.
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ ok: false, error: { code: "forbidden", details: { reason: "cross_origin" } } });
    expect(await page(`/q/${fresh}`, "")).toContain(`${person.name}，您好`);
    const redeemed = await postForm("/login/qr", { token: fresh }, "");
    expect(redeemed.status).toBe(303);
    expect(redeemed.headers.get("location")).toBe("/login/qr/password");
    const session = cookiesOf(redeemed).find((c) => c.startsWith("next-auth.session-token=")) as string;
    expect(redeemed.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const me = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: session } })).json();
    expect(me.user.name).toBe(person.name);

    const mismatch = await postForm("/login/qr/password/save", { password: "123456", confirm: "654321" }, session);
    expect(mismatch.headers.get("location")).toBe("/login/qr/password?error=mismatch");
    const saved = await postForm("/login/qr/password/save", { password: "246810", confirm: "246810" }, session);
    expect(saved.headers.get("location")).toBe("/me?password=set");
    expect(await login(server.url, person.phone as string, "246810")).not.toBeNull();

    const again = await postForm("/login/qr", { token: fresh }, "");
    expect(again.headers.get("location")).toBe(`/q/${fresh}`);
    expect(cookiesOf(again).some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
    expect(await page(`/q/${fresh}`, "")).toContain("这个登录码已经用过了");
  });

  it("allows a 6-digit PIN only in the QR flow", async () => {
    const saved = await postForm("/login/qr/password/save", { password: "135790", confirm: "135790" }, api.cookie("recorder"));
    expect(saved.headers.get("location")).toBe("/login/qr/password?error=pin_not_allowed");
    const short = await postForm("/login/qr/password/save", { password: "short", confirm: "short" }, api.cookie("recorder"));
    expect(short.headers.get("location")).toBe("/login/qr/password?error=too_short");
    expect(await login(server.url, demoPhone("recorder"), "yishi-demo")).not.toBeNull();
  });
});

describe("meetings", () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  async function upload(meetingId: string, bytes: Uint8Array<ArrayBuffer>, name: string, type: string) {
    const form = new FormData();
    form.set("file", new Blob([bytes], { type }), name);
    const response = await fetch(`${server.url}/api/admin/meetings/${meetingId}/materials`, {
      method: "POST",
      body: form,
      headers: { cookie: api.cookie("admin"), accept: "application/json" },
    });
    return (await response.json()) as { ok: boolean; data?: { mime: string }; error?: { code: string; details?: { reason: string } } };
  }

  it("warns when notice is shorter than the law's ten days, and when a petition has too few names", async () => {
    const assembly = (await api.must("POST", `/api/admin/orgs/${village}/bodies`, { kind: "villagers-assembly", name: "平洲村村民会议" })).id as string;
    const scheduled = await api.must("POST", "/api/admin/meetings", {
      bodyId: assembly,
      number: "2030年第1次",
      title: "村民会议",
      startsAt: "2030-03-10T09:00:00+08:00",
      place: "礼堂",
      noticeDate: "2030-03-05",
      convenerBasis: "petition",
      petitioners: 1,
    });
    expect((scheduled.warnings as { code: string }[]).map((w) => w.code)).toEqual(["notice_too_short", "petition_below_threshold"]);
    const shown = await page(`/admin/meetings/${scheduled.id}`, api.cookie("admin"));
    expect(shown).toContain("通知后5日即开会；应当在会议召开10日前通知。");
    // The petition's count is kept with the meeting: fixing the notice date leaves the petition warning standing.
    const renoticed = await api.must("POST", `/api/admin/meetings/${scheduled.id}`, { noticeDate: "2030-02-28" });
    expect((renoticed.warnings as { code: string }[]).map((w) => w.code)).toEqual(["petition_below_threshold"]);
    expect(await page(`/admin/meetings/${scheduled.id}`, api.cookie("admin"))).toMatch(/id="m-petitioners"[^>]*value="1"/);
    const fixed = await api.must("POST", `/api/admin/meetings/${scheduled.id}`, { petitioners: 1000 });
    expect(fixed.warnings).toEqual([]);
    const info = (await page(`/meetings/${scheduled.id}`, api.cookie("chair"))).replace(/<!-- -->/g, "");
    expect(info).toContain("村民委员会（应提议召集，1000 人联名提议）");
  });

  it("accepts PDF and images by their content and refuses other files or files over 20 MB, in words", async () => {
    const bodyId = (await api.must("POST", `/api/admin/orgs/${village}/bodies`, { kind: "board", name: "材料测试" })).id as string;
    const meetingId = (
      await api.must("POST", "/api/admin/meetings", { bodyId, number: "1", title: "会议", startsAt: "2030-01-01T09:00:00+08:00", place: "村委会" })
    ).id as string;
    expect(await upload(meetingId, PNG, "照片.jpg", "image/jpeg")).toMatchObject({ ok: true, data: { mime: "image/png" } });
    const fake = await upload(meetingId, new TextEncoder().encode("MZ not a pdf"), "方案.pdf", "application/pdf");
    expect(fake.error).toMatchObject({ code: "invalid_input", details: { reason: "type" } });
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.4"));
    expect((await upload(meetingId, big, "大文件.pdf", "application/pdf")).error).toMatchObject({ details: { reason: "too_large" } });
    const form = new FormData();
    form.set("file", new Blob([big], { type: "application/pdf" }), "大文件.pdf");
    const viaForm = await fetch(`${server.url}/api/admin/meetings/${meetingId}/materials`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie: api.cookie("admin") },
    });
    expect(viaForm.status).toBe(303);
    expect(await page(viaForm.headers.get("location") as string, api.cookie("admin"))).toContain("文件超过 20 MB，未上传");
    const listed = await page(`/meetings/${meetingId}`, api.cookie("admin"));
    expect(listed).toContain("照片.jpg");
    expect(listed).not.toContain("方案.pdf");
  });

  it("shows the composition warning while a 成员代表大会 has 20 or fewer representatives", async () => {
    const bodyId = (await api.must("POST", `/api/admin/orgs/${village}/bodies`, { kind: "member-representatives", name: "成员代表大会" })).id as string;
    const people = (await register()).filter((p) => !p.deletedAt).slice(0, 5);
    await api.must("POST", `/api/admin/bodies/${bodyId}/roster`, { members: people.map((p) => ({ personId: p.id, seat: "representative" })) });
    expect(await page(`/admin/bodies/${bodyId}`, api.cookie("admin"))).toContain("成员代表5人，法律要求多于二十人");
  });
});
