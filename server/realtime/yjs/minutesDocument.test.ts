import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type Database, openDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";
import { setRuntime } from "../../runtime";
import { appendParagraphs, fragmentText } from "./freeText";
import { type Fanout, FROM_SERVER, MinutesDocument } from "./minutesDocument";

const quiet: Fanout = { localUpdate: () => undefined, localAwareness: () => undefined, peerUpdate: () => undefined, peerAwareness: () => undefined };
const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-minutes-doc-"));

async function open(): Promise<Database> {
  const db = await openDatabase({ dataDir });
  await migrate(db.sql);
  setRuntime({ config: { port: 0, host: "127.0.0.1", dataDir, demo: false, dev: false }, db, version: "test", inFlight: new Set(), shuttingDown: false });
  return db;
}

/** A meeting row for the snapshot's foreign key. */
async function meeting(db: Database, id: string): Promise<string> {
  const org = await db.prisma.organization.create({ data: { name: `村${id}`, level: "village" } });
  const body = await db.prisma.body.create({ data: { orgId: org.id, kind: "villager-representatives", name: "村民代表会议" } });
  await db.prisma.meeting.create({
    data: { id, shortCode: id, orgId: org.id, bodyId: body.id, number: "2026年第1次", title: "村民代表会议", startsAt: new Date(), place: "村委会" },
  });
  return id;
}

async function reload(meetingId: string): Promise<string> {
  const fresh = new MinutesDocument(meetingId, quiet);
  await fresh.loadFromStore("initial");
  const text = fragmentText(fresh.doc.getXmlFragment("free:header"));
  fresh.destroy();
  return text;
}

describe("a minutes document's storage", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps edits in memory when the database fails, and stores them once it is back", async () => {
    let db = await open();
    const document = new MinutesDocument("meeting-a", quiet);
    await document.loadFromStore("initial");
    appendParagraphs(document.doc, "header", "断电前写的一段。", FROM_SERVER);
    await db.close();
    await document.flush();
    expect(document.hasPending).toBe(true);
    db = await open();
    expect(await document.drain(5)).toBe(true);
    expect(await reload("meeting-a")).toBe("断电前写的一段。");
    document.destroy();
    await db.close();
  });

  it("compacts many stored updates into one snapshot without losing or repeating text", async () => {
    const db = await open();
    await meeting(db, "meeting-b");
    const document = new MinutesDocument("meeting-b", quiet);
    await document.loadFromStore("initial");
    for (let i = 0; i < 30; i += 1) {
      appendParagraphs(document.doc, "header", `第${i + 1}句`, FROM_SERVER);
      await document.flush();
    }
    expect(await db.prisma.minutesUpdate.count({ where: { meetingId: "meeting-b" } })).toBe(30);
    const before = await reload("meeting-b");
    await document.compact();
    expect(await db.prisma.minutesUpdate.count({ where: { meetingId: "meeting-b" } })).toBe(0);
    expect(await reload("meeting-b")).toBe(before);
    // A second compaction of the same state (another node, a retry) changes nothing.
    await document.compact();
    expect(await reload("meeting-b")).toBe(before);
    expect(before.split("\n")).toHaveLength(30);
    document.destroy();
    const loaded = new MinutesDocument("meeting-b", quiet);
    await loaded.loadFromStore("initial");
    expect(Y.encodeStateVector(loaded.doc)).toEqual(Y.encodeStateVector(document.doc));
    loaded.destroy();
    await db.close();
  });
});
