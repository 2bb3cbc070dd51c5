/**
 * Issue #17 on a real server: a vote addressed to another meeting writes nothing (over the socket and the
 * no-JavaScript form), and malformed input gets a typed error, never a 500 or `internal`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { openDatabase } from "../db/client";
import { MINUTES_EVENTS } from "../minutes/protocol";
import { demoPhone, demoPhones } from "../testing/builders";
import { login } from "../testing/http";
import { clientId, type LiveClient, liveClient } from "../testing/liveClient";
import { startServer, type TestServer } from "../testing/server";

type View = { view: { motion: { id: string; castCount: number } | null; roster?: { personId: string; status: string }[] } };

let server: TestServer;
let meetingId = "";
let otherMeetingId = "";
let motionId = "";
let chair: LiveClient;
let member: LiveClient;
let memberCookie = "";
const clients: LiveClient[] = [];

async function must<T>(client: LiveClient, event: string, payload: unknown): Promise<T> {
  const reply = await client.call<T>(event, payload);
  if (!reply.ok) throw new Error(`${event}: ${reply.error.code}`);
  return reply.data;
}

const castCount = async () => (await must<View>(chair, "meeting:join", { meetingId })).view.motion?.castCount;

beforeAll(async () => {
  server = await startServer();
  const chairCookie = (await login(server.url, demoPhone("chair"), DEMO_PASSWORD)) ?? "";
  const adminCookie = (await login(server.url, demoPhone("admin"), DEMO_PASSWORD)) ?? "";
  memberCookie = (await login(server.url, demoPhone("member"), DEMO_PASSWORD)) ?? "";
  const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie: chairCookie } })).json()) as { data: { id: string }[] };
  meetingId = meetings.data[0]?.id as string;
  // A second meeting (of another body of the village): only the address differs.
  const adminJson = async (path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { cookie: adminCookie, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return ((await response.json()) as { data: unknown }).data;
  };
  const village = ((await adminJson("/api/orgs")) as { id: string; level: string }[]).find((o) => o.level === "village")?.id as string;
  const bodyId = ((await adminJson(`/api/admin/orgs/${village}/bodies`, { kind: "board", name: "另一机构" })) as { id: string }).id;
  const created = (await adminJson("/api/admin/meetings", {
    bodyId,
    number: "2",
    title: "另一次会议",
    startsAt: "2030-01-01T09:00:00+08:00",
    place: "村委会",
  })) as { id: string };
  otherMeetingId = created.id;

  chair = await liveClient(server.url, chairCookie);
  clients.push(chair);
  await must(chair, "meeting:open", { meetingId });
  for (const phone of demoPhones("member")) {
    const client = await liveClient(server.url, (await login(server.url, phone, DEMO_PASSWORD)) ?? "");
    clients.push(client);
    await must(client, "meeting:checkIn", { meetingId });
  }
  member = clients[1] as LiveClient;
  const joined = await must<View>(chair, "meeting:join", { meetingId });
  for (const absent of (joined.view.roster ?? []).filter((m) => m.status === "absent").slice(0, 7)) {
    await must(chair, "meeting:attendance", { meetingId, personId: absent.personId, status: "present_in_person" });
  }
  await must(chair, "meeting:startItem", { meetingId });
  motionId = (
    await must<{ result: { motionId: string } }>(chair, "vote:open", { meetingId, text: "村道硬底化工程实施方案", method: "named", matterKind: "general" })
  ).result.motionId;
}, 180_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.cleanup();
});

const postVote = (path: string, body: string, contentType: string) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { cookie: memberCookie, origin: server.url, "content-type": contentType },
    body,
    redirect: "manual",
  });

describe("a vote addressed to another meeting", () => {
  it("over the socket: refused as not_found, nothing counted, and a resend is refused again (never `recorded`)", async () => {
    const vote = { meetingId: otherMeetingId, motionId, choice: "yes", clientId: clientId() };
    const first = await member.call("vote:cast", vote);
    expect(first).toMatchObject({ ok: false, error: { code: "not_found", field: "motionId" } });
    const resend = await member.call("vote:cast", vote);
    expect(resend).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await castCount()).toBe(0);
  });

  it("over the no-JavaScript form: refused as not_found, nothing counted; the same form to its own meeting counts", async () => {
    const fields = { motionId, choice: "no", clientId: clientId() };
    const otherVersion = async () => (await must<{ view: { version: number } }>(chair, "meeting:join", { meetingId: otherMeetingId })).view.version;
    const versionBefore = await otherVersion();
    const wrong = await postVote(`/api/meetings/${otherMeetingId}/vote`, new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("location")).toBe(`/meetings/${otherMeetingId}/live?error=not_found`);
    const again = await postVote(`/api/meetings/${otherMeetingId}/vote`, new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
    expect(again.headers.get("location")).toBe(`/meetings/${otherMeetingId}/live?error=not_found`);
    expect(await castCount()).toBe(0);
    // The meeting named in the address did not change either (every write bumps its version).
    expect(await otherVersion()).toBe(versionBefore);
    const right = await postVote(`/api/meetings/${meetingId}/vote`, new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
    expect(right.headers.get("location")).toBe(`/meetings/${meetingId}/live?voted=no`);
    expect(await castCount()).toBe(1);
  });
});

describe("malformed input gets a typed answer", () => {
  it("the no-JavaScript vote route with a body that is not a form: back to the page with invalid_input", async () => {
    const response = await postVote(`/api/meetings/${meetingId}/vote`, JSON.stringify({ motionId, choice: "yes" }), "application/json");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/meetings/${meetingId}/live?error=invalid_input`);
    const garbled = await postVote(`/api/meetings/${meetingId}/vote`, "--x\r\nnot multipart", "multipart/form-data; boundary=y");
    expect(garbled.headers.get("location")).toBe(`/meetings/${meetingId}/live?error=invalid_input`);
  });

  it("a NUL byte in a query parameter bound for PostgreSQL: 400 invalid_input", async () => {
    const response = await fetch(`${server.url}/api/audit/receipt?motionId=%00`, { headers: { cookie: memberCookie } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    // The same over a socket: the one check sits before every query, so no handler has to remember it.
    expect(await member.call("meeting:join", { meetingId: `${meetingId}\u0000` })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
  });

  it("a language switch posted as JSON instead of a form: 400, not 500", async () => {
    const response = await postVote("/api/preferences", JSON.stringify({ locale: "en" }), "application/json");
    expect(response.status).toBe(400);
  });

  it("a truncated or garbled minutes:sync message from a reader: invalid_input, not internal", async () => {
    const reader = await liveClient(server.url, memberCookie);
    clients.push(reader);
    const joined = await reader.call<{ capabilities: { canEdit: boolean } }>(MINUTES_EVENTS.join, { meetingId });
    expect(joined).toMatchObject({ ok: true, data: { capabilities: { canEdit: false } } });
    // [1]: a sync step 2 whose payload length is missing; [0, 5, 1]: a step 1 whose state vector stops short.
    for (const message of ["AQ==", "AAUB"]) {
      expect(await reader.call(MINUTES_EVENTS.sync, { meetingId, message })).toMatchObject({ ok: false, error: { code: "invalid_input", field: "message" } });
    }
  });
});

describe("what was stored", () => {
  it("holds no vote row and no audit entry for the misaddressed votes: only the one cast in its own meeting", async () => {
    await server.stop();
    const db = await openDatabase({ dataDir: server.dataDir, databaseUrl: server.databaseUrl });
    try {
      const votes = await db.sql.query<{ choice: string }>(`SELECT choice FROM "VoteRecord" WHERE "motionId" = $1`, [motionId]);
      expect(votes.map((v) => v.choice)).toEqual(["no"]);
      // The audit log names the meeting of each entry: one vote.cast (the form's, in its own meeting), none elsewhere.
      const casts = await db.sql.query<{ meetingId: string }>(
        `SELECT "meetingId" FROM "AuditEntry" WHERE action IN ('vote.cast', 'vote.changed') AND "meetingId" IN ($1, $2)`,
        [meetingId, otherMeetingId],
      );
      expect(casts.map((c) => c.meetingId)).toEqual([meetingId]);
      // Nor was any misaddressed vote kept as "already processed": only the one cast in its own meeting.
      const processed = await db.sql.query<{ result: unknown }>(`SELECT result FROM "ProcessedCommand" WHERE command = 'vote'`);
      const stored = processed.map((p) => (typeof p.result === "string" ? JSON.parse(p.result) : p.result) as { meetingId: string });
      expect(stored.map((r) => r.meetingId)).toEqual([meetingId]);
    } finally {
      await db.close();
    }
  });
});
