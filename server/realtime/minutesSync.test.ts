/**
 * Collaborative minutes over the real server: with REDIS_URL and DATABASE_URL, two nodes on one PostgreSQL database
 * and Redis (each client on its own node); otherwise one node on PGlite, with the same scenario.
 */
import { randomBytes } from "node:crypto";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeUpdate } from "y-protocols/sync";
import * as Y from "yjs";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { encodeBytes, MINUTES_EVENTS } from "../minutes/protocol";
import { addParagraph, type MinutesClient, minutesClient, sectionText, typeInParagraph, waitFor } from "../minutes/testClient";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { startServer, type TestServer } from "../testing/server";

const clustered = Boolean(process.env.REDIS_URL && process.env.DATABASE_URL);

function updateMessage(update: Uint8Array): string {
  const encoder = encoding.createEncoder();
  writeUpdate(encoder, update);
  return encodeBytes(encoding.toUint8Array(encoder));
}

describe(clustered ? "minutes on two nodes with Redis" : "minutes on one node (PGlite)", () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  let meetingId: string;
  let cookies: Record<"chair" | "recorder" | "member", string>;
  const open: MinutesClient[] = [];
  const client = async (server: TestServer, cookie?: string) => {
    const created = await minutesClient(server.url, meetingId, cookie);
    open.push(created);
    return created;
  };

  beforeAll(async () => {
    // Nodes behind one proxy share the session secret, so a login on one is valid on the other.
    const env = { NEXTAUTH_SECRET: randomBytes(32).toString("hex") };
    nodeA = await startServer({ env });
    nodeB = clustered ? await startServer({ env, databaseUrl: nodeA.databaseUrl, reuseDatabase: true }) : nodeA;
    cookies = {
      chair: (await login(nodeA.url, demoPhone("chair"), DEMO_PASSWORD)) ?? "",
      recorder: (await login(nodeA.url, demoPhone("recorder"), DEMO_PASSWORD)) ?? "",
      member: (await login(nodeA.url, demoPhone("member"), DEMO_PASSWORD)) ?? "",
    };
    const meetings = (await (await fetch(`${nodeA.url}/api/meetings`, { headers: { cookie: cookies.recorder } })).json()) as {
      data: { id: string; state: string }[];
    };
    meetingId = (meetings.data.find((m) => m.state === "scheduled") ?? meetings.data[0])?.id ?? "";
  });

  afterAll(async () => {
    for (const c of open) c.close();
    if (nodeB !== nodeA) await nodeB?.cleanup();
    await nodeA?.cleanup();
  });

  it("converges when the recorder and the chair type in the same paragraph at once, each on their own node", async () => {
    const recorder = await client(nodeA, cookies.recorder);
    const chair = await client(nodeB, cookies.chair);
    expect(recorder.provider.joined?.capabilities.canEdit).toBe(true);
    expect(chair.provider.joined?.capabilities.canEdit).toBe(true);
    expect(recorder.provider.joined?.blocks.map((b) => b.id).slice(0, 2)).toEqual(["header", "attendance"]);
    addParagraph(recorder.doc, "header", "会议开始。");
    await waitFor(() => sectionText(chair.doc, "header") === "会议开始。", "the chair to see the recorder's paragraph");
    for (let i = 0; i < 20; i += 1) {
      typeInParagraph(recorder.doc, "header", 0, "记");
      typeInParagraph(chair.doc, "header", 0, "主", 0);
    }
    await waitFor(() => sectionText(chair.doc, "header") === sectionText(recorder.doc, "header"), "both to converge");
    const text = sectionText(chair.doc, "header");
    expect(text.match(/记/g)).toHaveLength(20);
    expect(text.match(/主/g)).toHaveLength(20);
    expect(text).toContain("会议开始。");
  });

  it("lets an anonymous observer of a public meeting read live, and refuses its edits", async () => {
    const observer = await client(nodeB);
    expect(observer.provider.joined?.capabilities).toMatchObject({ canRead: true, canEdit: false });
    const recorder = open[0] as MinutesClient;
    addParagraph(recorder.doc, "attendance", "到会情况良好。");
    await waitFor(() => sectionText(observer.doc, "attendance") === "到会情况良好。", "the observer to see the text");
    const sneaky = new Y.Doc();
    Y.applyUpdate(sneaky, Y.encodeStateAsUpdate(observer.doc));
    const before = Y.encodeStateVector(sneaky);
    addParagraph(sneaky, "header", "匿名篡改");
    const reply = await observer.socket
      .timeout(5_000)
      .emitWithAck(MINUTES_EVENTS.sync, { meetingId, message: updateMessage(Y.encodeStateAsUpdate(sneaky, before)) });
    expect(reply).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(sectionText(recorder.doc, "header")).not.toContain("匿名篡改");
  });

  it("refuses a member's edits where the charter does not let members edit", async () => {
    const member = await client(nodeA, cookies.member);
    expect(member.provider.joined?.capabilities).toMatchObject({ canRead: true, canEdit: false });
    const before = Y.encodeStateVector(member.doc);
    addParagraph(member.doc, "header", "成员改写");
    const reply = await member.socket
      .timeout(5_000)
      .emitWithAck(MINUTES_EVENTS.sync, { meetingId, message: updateMessage(Y.encodeStateAsUpdate(member.doc, before)) });
    expect(reply).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("refuses an editor's update that writes outside the free text, and applies nothing of it", async () => {
    const recorder = open[0] as MinutesClient;
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(recorder.doc));
    const before = Y.encodeStateVector(forged);
    forged.getMap("record").set("attendance", "实到15人");
    addParagraph(forged, "vote:not-closed-yet", "伪造的表决结果");
    const reply = await recorder.socket
      .timeout(5_000)
      .emitWithAck(MINUTES_EVENTS.sync, { meetingId, message: updateMessage(Y.encodeStateAsUpdate(forged, before)) });
    expect(reply).toMatchObject({ ok: false, error: { code: "conflict" } });
    const fresh = await client(nodeB, cookies.chair);
    expect(fresh.doc.share.has("record")).toBe(false);
    expect(sectionText(fresh.doc, "vote:not-closed-yet")).toBe("");
    fresh.close();
  });

  it("shows each editor's caret under the name the server knows, and removes it when the socket leaves", async () => {
    const recorder = open[0] as MinutesClient;
    const chair = open[1] as MinutesClient;
    const caret = { anchor: { type: null, tname: "free:header", item: null, assoc: 0 }, head: { type: null, tname: "free:header", item: null, assoc: 0 } };
    recorder.provider.awareness.setLocalState({ user: { name: "冒名者", color: "#000000" }, cursor: caret });
    await waitFor(() => chair.provider.awareness.getStates().get(recorder.doc.clientID)?.user?.name === "梁丽娟", "the chair to see the recorder's caret");
    expect(chair.provider.awareness.getStates().get(recorder.doc.clientID)?.cursor).toEqual(caret);
    recorder.socket.disconnect();
    await waitFor(() => !chair.provider.awareness.getStates().has(recorder.doc.clientID), "the caret to disappear");
    recorder.socket.connect();
    await waitFor(() => recorder.provider.synced, "the recorder to resync");
  });

  it("shows an edit made a moment ago on one node to a client opening the minutes on the other", async () => {
    const meetings = (await (await fetch(`${nodeA.url}/api/meetings`, { headers: { cookie: cookies.recorder } })).json()) as {
      data: { id: string; number: string }[];
    };
    const otherId = meetings.data.find((m) => m.id !== meetingId && m.number !== "2026年第2次")?.id ?? "";
    const writer = await minutesClient(nodeA.url, otherId, cookies.recorder);
    open.push(writer);
    addParagraph(writer.doc, "header", "刚写下的一句。");
    const reader = await minutesClient(nodeB.url, otherId, cookies.chair);
    open.push(reader);
    await waitFor(() => sectionText(reader.doc, "header") === "刚写下的一句。", "the other node to have the edit");
  });

  it("merges what a client typed offline when it rejoins, with what others typed meanwhile", async () => {
    const recorder = open[0] as MinutesClient;
    const chair = open[1] as MinutesClient;
    chair.socket.disconnect();
    addParagraph(chair.doc, "header", "主持人离线时写的一段。");
    // A whole afternoon's typing offline: more than one socket frame can carry, so it goes up in parts.
    addParagraph(chair.doc, "attendance", "离".repeat(60_000));
    addParagraph(recorder.doc, "header", "记录人同时写的一段。");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sectionText(recorder.doc, "header")).not.toContain("离线");
    chair.socket.connect();
    await waitFor(
      () => sectionText(recorder.doc, "header") === sectionText(chair.doc, "header") && sectionText(recorder.doc, "header").includes("离线"),
      "the offline edit to reach everyone",
    );
    expect(sectionText(chair.doc, "header")).toContain("记录人同时写的一段。");
    await waitFor(() => sectionText(recorder.doc, "attendance").includes("离".repeat(60_000)), "the long offline paragraph");
    const late = await client(nodeA, cookies.recorder);
    expect(sectionText(late.doc, "header")).toBe(sectionText(chair.doc, "header"));
  });
});
