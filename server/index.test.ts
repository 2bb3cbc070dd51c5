import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../prisma/seed";
import { demoPhone } from "./testing/builders";
import { login } from "./testing/http";
import { runServerToExit, startServer, type TestServer } from "./testing/server";
import { HALL_ROUTES } from "./web/warmUp";

const usesPostgres = Boolean(process.env.DATABASE_URL);

describe("a Yishi server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { YISHI_WARM_UP: "1" } });
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it("answers /api/health with its database and version", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: usesPostgres ? "postgres" : "pglite", version: "0.1.0" });
  });

  it("loads the hall's first pages by itself after listening, so their first visitors do not wait", async () => {
    await expect.poll(() => server.output(), { timeout: 120_000, interval: 500 }).toContain('"msg":"routes loaded"');
    const line = server
      .output()
      .split("\n")
      .find((l) => l.includes('"msg":"routes loaded"'));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ routes: HALL_ROUTES.length });
  });

  it("logs a demo member in with phone and password, and refuses a wrong password", async () => {
    const cookie = await login(server.url, demoPhone("member"), DEMO_PASSWORD);
    expect(cookie).not.toBeNull();
    const session = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: cookie ?? "" } })).json();
    expect(session.user.name).toBe("黄锦华");
    expect(await login(server.url, demoPhone("member"), "wrong-password")).toBeNull();
    expect(await login(server.url, "13999999999", DEMO_PASSWORD)).toBeNull();
  });

  it("shows a logged-in member their meetings", async () => {
    const cookie = await login(server.url, demoPhone("chair"), DEMO_PASSWORD);
    const html = await (await fetch(`${server.url}/me`, { headers: { cookie: cookie ?? "", "accept-language": "zh-CN" } })).text();
    expect(html).toContain("我的会议");
    expect(html).toContain("平洲村村民代表会议");
    expect(html).toContain("村道硬底化工程实施方案");
  });

  it("authenticates sockets from the session cookie; an anonymous socket has no identity", async () => {
    const cookie = await login(server.url, demoPhone("member"), DEMO_PASSWORD);
    const socket = connect(server.url, { transports: ["websocket"], extraHeaders: { cookie: cookie ?? "" }, reconnection: false });
    const identity = await new Promise<{ ok: boolean; data: { name: string } }>((resolve, reject) => {
      socket.on("connect_error", reject);
      socket.on("connect", () => socket.emit("session", resolve));
    });
    socket.close();
    expect(identity).toMatchObject({ ok: true, data: { name: "黄锦华" } });

    const anonymous = connect(server.url, { transports: ["websocket"], reconnection: false });
    const anonymousIdentity = await new Promise<unknown>((resolve) => anonymous.on("connect", () => anonymous.emit("session", resolve)));
    anonymous.close();
    expect(anonymousIdentity).toEqual({ ok: true, data: { accountId: null, name: null } });
  });

  it("shows each body's decision rules with their articles in both languages", async () => {
    const cookie = await login(server.url, demoPhone("admin"), DEMO_PASSWORD);
    const me = await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie: cookie ?? "" } })).json();
    expect(me.user).toBeTruthy();
    const home = await (await fetch(`${server.url}/api/orgs`, { headers: { cookie: cookie ?? "" } })).json();
    const orgId = home.data[0].id as string;
    const zh = await (await fetch(`${server.url}/orgs/${orgId}/rules`, { headers: { "accept-language": "zh-CN" } })).text();
    expect(zh).toContain("议事规则");
    expect(zh).toContain("村民委员会组织法（2025年修正）第三十条");
    const en = await (await fetch(`${server.url}/orgs/${orgId}/rules`, { headers: { cookie: "NEXT_LOCALE=en" } })).text();
    expect(en).toContain("Decision rules");
  });
});

describe("start-up and shutdown", () => {
  it("refuses a second process on the same data directory, and hands over after SIGTERM", async () => {
    const first = await startServer({ databaseUrl: null });
    try {
      const second = await runServerToExit({ YISHI_DATA_DIR: first.dataDir });
      expect(second.code).toBe(1);
      expect(second.output.trim().split("\n")).toHaveLength(1);
      expect(second.output).toContain("正被另一个议事进程");
      expect(await first.stop()).toBe(0);
      const again = await startServer({ databaseUrl: null, dataDir: first.dataDir });
      const health = await fetch(`${again.url}/api/health`);
      expect(health.status).toBe(200);
      // The demo was seeded once, by the first start: a restart keeps the data and adds nothing.
      expect(again.output()).not.toContain("已创建演示村");
      await again.stop();
    } finally {
      await first.cleanup();
    }
  });

  it("exits with one clear line on a malformed DATABASE_URL, an unreachable database or Redis", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-bad-"));
    try {
      const malformed = await runServerToExit({ YISHI_DATA_DIR: dataDir, DATABASE_URL: "mysql://nope" });
      expect(malformed.code).toBe(1);
      expect(malformed.output.trim().split("\n")).toHaveLength(1);
      expect(malformed.output).toContain("DATABASE_URL");

      const unreachable = await runServerToExit({ YISHI_DATA_DIR: dataDir, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });
      expect(unreachable.code).toBe(1);
      expect(unreachable.output.trim().split("\n")).toHaveLength(1);
      expect(unreachable.output).toContain("PostgreSQL");

      const noRedis = await runServerToExit({ YISHI_DATA_DIR: dataDir, REDIS_URL: "redis://127.0.0.1:1" });
      expect(noRedis.code).toBe(1);
      expect(noRedis.output).toContain("Redis");
      expect(
        noRedis.output
          .trim()
          .split("\n")
          .filter((line) => line.includes("Redis")),
      ).toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("exits with one clear line on a corrupt data directory", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "yishi-corrupt-"));
    try {
      mkdirSync(path.join(dataDir, "pglite"));
      writeFileSync(path.join(dataDir, "pglite", "PG_VERSION"), "garbage\n");
      const result = await runServerToExit({ YISHI_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.output.trim().split("\n")).toHaveLength(1);
      expect(result.output).toContain("数据目录可能已损坏");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
