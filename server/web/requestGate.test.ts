/**
 * Cross-origin writes and oversized bodies (issue #17), against a real server. The state-changing routes are read
 * from the app's route files, so a route added later is attacked here too without anyone remembering to list it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { connect as tcpConnect } from "node:net";
import path from "node:path";
import { io as socketConnect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed";
import { demoPhone } from "../testing/builders";
import { login } from "../testing/http";
import { startServer, type TestServer } from "../testing/server";

const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
type WriteRoute = { file: string; method: (typeof WRITE_METHODS)[number]; path: string };

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" || entry.name === "route.tsx" ? [full] : [];
  });
}

/** The write handlers a route file exports: `export async function POST`, `export const POST`, `export { x as POST }`. */
function exportedWrites(source: string): WriteRoute["method"][] {
  const found = new Set<WriteRoute["method"]>();
  for (const method of WRITE_METHODS) {
    if (new RegExp(`export\\s+(?:async\\s+)?function\\s+${method}\\b`).test(source)) found.add(method);
    if (new RegExp(`export\\s+const\\s+${method}\\b`).test(source)) found.add(method);
    for (const list of source.matchAll(/export\s*\{([^}]*)\}/g))
      if (new RegExp(`\\bas\\s+${method}\\b|^\\s*${method}\\s*$`, "m").test(list[1] ?? "")) found.add(method);
  }
  return [...found];
}

/** A concrete URL for a route file: dynamic segments get a made-up id (the door answers before any lookup). */
function urlPathOf(file: string): string {
  const relative = path.relative("app", path.dirname(file)).split(path.sep);
  const segments = relative
    .filter((s) => !(s.startsWith("(") && s.endsWith(")")))
    .map((s) => (s.startsWith("[...") || s.startsWith("[[...") ? "callback/credentials" : s.startsWith("[") ? "x0000000000000000000001" : s));
  return `/${segments.join("/")}`;
}

const WRITES: WriteRoute[] = routeFiles("app").flatMap((file) =>
  exportedWrites(readFileSync(file, "utf8")).map((method) => ({ file, method, path: urlPathOf(file) })),
);

let server: TestServer;
let adminCookie = "";
let otherPortOrigin = "";

beforeAll(async () => {
  server = await startServer();
  adminCookie = (await login(server.url, demoPhone("admin"), DEMO_PASSWORD)) ?? "";
  const url = new URL(server.url);
  otherPortOrigin = `${url.protocol}//${url.hostname}:${Number(url.port) + 1}`;
});
afterAll(async () => server?.cleanup());

type Answer = { status: number; code?: string; reason?: string };

async function send(route: WriteRoute, headers: Record<string, string>, body: string): Promise<Answer> {
  const response = await fetch(`${server.url}${route.path}`, { method: route.method, headers: { cookie: adminCookie, ...headers }, body, redirect: "manual" });
  const text = await response.text();
  try {
    const json = JSON.parse(text) as { error?: { code?: string; details?: { reason?: string } } };
    return { status: response.status, code: json.error?.code, reason: json.error?.details?.reason };
  } catch {
    return { status: response.status };
  }
}

const REFUSED = { status: 403, code: "forbidden", reason: "cross_origin" };

describe("the route list", () => {
  it("is read from the app: every write route, including login, next-auth and the no-JavaScript forms", () => {
    const listed = WRITES.map((r) => `${r.method} ${r.path}`);
    expect(WRITES.length).toBeGreaterThan(40);
    for (const known of [
      "POST /api/login",
      "POST /api/auth/callback/credentials",
      "POST /login/qr/password/save",
      "POST /api/account/logout-everywhere",
      "POST /api/admin/orgs/x0000000000000000000001/people",
    ]) {
      expect(listed).toContain(known);
    }
  });
});

describe.each(WRITES)("$method $path ($file)", (route) => {
  it("refuses a form posted from another site, before the route runs", async () => {
    const answer = await send(route, { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, "name=x&password=12345678");
    expect(answer).toEqual(REFUSED);
  });

  it("refuses JSON sent as text/plain from another site (no CORS preflight)", async () => {
    const answer = await send(
      route,
      { origin: "https://evil.example", "content-type": "text/plain;application/json" },
      JSON.stringify({ name: "x", disabled: true }),
    );
    expect(answer).toEqual(REFUSED);
  });

  it("refuses a page on another port of the same host (same site, so SameSite=Lax does not help)", async () => {
    const answer = await send(route, { origin: otherPortOrigin, "sec-fetch-site": "same-site", "content-type": "application/x-www-form-urlencoded" }, "name=x");
    expect(answer).toEqual(REFUSED);
  });

  it("refuses a forged X-Forwarded-Host naming the attacker's origin (YISHI_TRUST_PROXY is not set)", async () => {
    const answer = await send(route, { origin: "http://evil.example", "x-forwarded-host": "evil.example", "content-type": "application/json" }, "{}");
    expect(answer).toEqual(REFUSED);
  });

  it("refuses a browser request without Origin that says it is cross-site, and an opaque Origin", async () => {
    expect(await send(route, { "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" }, "a=1")).toEqual(REFUSED);
    expect(await send(route, { origin: "null", "content-type": "application/x-www-form-urlencoded" }, "a=1")).toEqual(REFUSED);
  });
});

describe("same-origin requests", () => {
  it("still work: an admin's form and JSON from the site's own pages create a person", async () => {
    const orgs = (await (await fetch(`${server.url}/api/orgs`, { headers: { cookie: adminCookie } })).json()) as { data: { id: string; level: string }[] };
    const village = orgs.data.find((o) => o.level === "village")?.id as string;
    const form = await fetch(`${server.url}/api/admin/orgs/${village}/people`, {
      method: "POST",
      headers: { cookie: adminCookie, origin: server.url, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ name: "同源表单", gender: "female", back: `/admin/orgs/${village}/people` }).toString(),
      redirect: "manual",
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toContain("saved=1");
    const json = await fetch(`${server.url}/api/admin/orgs/${village}/people`, {
      method: "POST",
      headers: { cookie: adminCookie, origin: server.url, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: "同源脚本", gender: "male" }),
    });
    expect(await json.json()).toMatchObject({ ok: true });
    const people = (await (await fetch(`${server.url}/api/admin/orgs/${village}/people`, { headers: { cookie: adminCookie } })).json()) as {
      data: { people: { name: string }[] };
    };
    expect(people.data.people.map((p) => p.name)).toEqual(expect.arrayContaining(["同源表单", "同源脚本"]));
  });

  it("still reach every write route (whatever it then answers): the door refuses no same-origin request", async () => {
    for (const route of WRITES) {
      const response = await fetch(`${server.url}${route.path}`, {
        method: route.method,
        headers: { origin: server.url, "content-type": "application/json" },
        body: "{}",
        redirect: "manual",
      });
      const body = await response.text();
      expect(body, `${route.method} ${route.path}`).not.toContain("cross_origin");
    }
  });

  it("do not take text/plain as JSON even from the site itself", async () => {
    const orgs = (await (await fetch(`${server.url}/api/orgs`, { headers: { cookie: adminCookie } })).json()) as { data: { id: string; level: string }[] };
    const village = orgs.data.find((o) => o.level === "village")?.id as string;
    const response = await fetch(`${server.url}/api/orgs/${village}/accounts/x0000000000000000000001/disable`, {
      method: "POST",
      headers: { cookie: adminCookie, origin: server.url, "content-type": "text/plain;application/json" },
      body: JSON.stringify({ disabled: true }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "invalid_input", field: "content-type" } });
  });
});

describe("socket handshakes", () => {
  const handshake = (headers: Record<string, string>) =>
    new Promise<string>((resolve) => {
      const socket = socketConnect(server.url, { transports: ["websocket"], extraHeaders: headers, reconnection: false });
      socket.on("connect", () => {
        socket.close();
        resolve("connected");
      });
      socket.on("connect_error", () => {
        socket.close();
        resolve("refused");
      });
    });

  it("follow the same rule: another port of the same host and a forged X-Forwarded-Host are refused", async () => {
    expect(await handshake({ origin: otherPortOrigin })).toBe("refused");
    expect(await handshake({ origin: "http://evil.example", "x-forwarded-host": "evil.example" })).toBe("refused");
    expect(await handshake({ origin: server.url })).toBe("connected");
  });
});

describe("request bodies", () => {
  it("refuses 40 MB to /api/login after the headers, without reading the body (413, payload_too_large)", async () => {
    const url = new URL(server.url);
    const total = 40 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const result = await new Promise<{ head: string; sent: number; closedByServer: boolean }>((resolve) => {
      const socket = tcpConnect(Number(url.port), url.hostname);
      let received = "";
      let sent = 0;
      // The server may reset the connection instead of closing it: either way it stopped taking the body.
      socket.on("error", () => resolve({ head: received, sent, closedByServer: received.length > 0 }));
      socket.on("connect", () => {
        socket.write(`POST /api/login HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${total}\r\n\r\n`);
        // Only the first 64 KB: the answer must come while 40 MB are still owed.
        socket.write(chunk);
        sent += chunk.length;
      });
      socket.on("data", (data) => {
        received += data.toString("latin1");
      });
      socket.on("close", () => resolve({ head: received, sent, closedByServer: true }));
      setTimeout(() => resolve({ head: received, sent, closedByServer: false }), 10_000).unref();
    });
    expect(result.head).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.head).toContain('"code":"payload_too_large"');
    expect(result.sent).toBeLessThan(total / 100);
    expect(result.closedByServer).toBe(true);
  });

  it("refuses a JSON body over 1 MB to an admin route, and a body that does not declare its length", async () => {
    // Over a raw connection: the answer comes before the body is sent, and the server then stops reading (a client
    // library still writing 2 MB would see the closed connection as EPIPE on a busy machine).
    const url = new URL(server.url);
    const body = Buffer.from(JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }));
    const head = await new Promise<string>((resolve) => {
      const socket = tcpConnect(Number(url.port), url.hostname);
      let received = "";
      socket.on("error", () => resolve(received));
      socket.on("connect", () => {
        socket.write(
          `POST /api/admin/orgs HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${adminCookie}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        socket.write(body.subarray(0, 64 * 1024));
      });
      socket.on("data", (data) => {
        received += data.toString("utf8");
      });
      socket.on("close", () => resolve(received));
      setTimeout(() => resolve(received), 10_000).unref();
    });
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head).toContain('"code":"payload_too_large"');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":"x"}'));
        controller.close();
      },
    });
    const chunked = await fetch(`${server.url}/api/admin/orgs`, {
      method: "POST",
      headers: { cookie: adminCookie, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(400);
    expect(await chunked.json()).toMatchObject({ ok: false, error: { code: "invalid_input", field: "content-length" } });
  });
});
