/**
 * The minutes survive a crash: the server is killed (kill -9) while the recorder types; whatever was typed more than
 * a second before is there after the restart, and restarting again neither loses nor duplicates anything.
 */
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { addParagraph, minutesClient, sectionText, typeInParagraph, waitFor } from "../minutes/testClient";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { startServer, type TestServer } from "../testing/server";

describe("minutes across a crash and restarts", () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    // The first server owns the data directory / database; the restarts reuse it.
    for (const server of servers.slice(1)) await server.stop().catch(() => undefined);
    await servers[0]?.cleanup();
  });

  const restart = async (first: TestServer) => {
    const next = await startServer({ dataDir: first.dataDir, databaseUrl: first.databaseUrl ?? null, reuseDatabase: true });
    servers.push(next);
    return next;
  };

  const open = async (server: TestServer) => {
    const cookie = (await login(server.url, demoPhone("recorder"), DEMO_PASSWORD)) ?? "";
    const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie } })).json()) as { data: { id: string; state: string }[] };
    const meetingId = (meetings.data.find((m) => m.state === "scheduled") ?? meetings.data[0])?.id ?? "";
    return minutesClient(server.url, meetingId, cookie);
  };

  it("keeps edits older than one second after kill -9, and a double restart does not duplicate them", async () => {
    const first = await startServer();
    servers.push(first);
    const recorder = await open(first);
    addParagraph(recorder.doc, "header", "甲");
    for (let i = 0; i < 30; i += 1) {
      typeInParagraph(recorder.doc, "header", 0, "乙");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    addParagraph(recorder.doc, "header", "第二段落");
    const durable = sectionText(recorder.doc, "header");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // Keep typing right up to the kill: these last keystrokes may or may not make it.
    for (let i = 0; i < 5; i += 1) typeInParagraph(recorder.doc, "header", 1, "丙");
    await first.kill();
    recorder.close();

    const second = await restart(first);
    const afterCrash = await open(second);
    const recovered = sectionText(afterCrash.doc, "header");
    expect(recovered.startsWith(durable)).toBe(true);
    expect(recovered.replace(/丙/g, "")).toBe(durable);
    // The recovered document is edited again, then the server restarts twice more.
    addParagraph(afterCrash.doc, "header", "重启后补充");
    await waitFor(() => sectionText(afterCrash.doc, "header").endsWith("重启后补充"), "the new paragraph");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expected = sectionText(afterCrash.doc, "header");
    afterCrash.close();
    expect(await second.stop()).toBe(0);

    const third = await restart(first);
    const once = await open(third);
    expect(sectionText(once.doc, "header")).toBe(expected);
    once.close();
    expect(await third.stop()).toBe(0);

    const fourth = await restart(first);
    const twice = await open(fourth);
    expect(sectionText(twice.doc, "header")).toBe(expected);
    expect(sectionText(twice.doc, "header").match(/甲/g)).toHaveLength(1);
    twice.close();
  }, 300_000);
});
