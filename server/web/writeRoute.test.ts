/**
 * The one HTTP write adapter, called as Next calls a route handler. The routes here are anonymous (a session needs
 * Next's request scope, which the route tests in app/ and server/auth/matrix.test.ts cover on a real server).
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { withError, withQuery, writeRoute } from "./writeRoute";

const ORIGIN = "http://127.0.0.1:3000";
const params = <P extends Record<string, string>>(value: P) => ({ params: Promise.resolve(value) });

function post(body: string | URLSearchParams, headers: Record<string, string> = {}): Request {
  const type = typeof body === "string" ? { "content-type": "application/json" } : { "content-type": "application/x-www-form-urlencoded" };
  return new Request(`${ORIGIN}/api/things/t1`, {
    method: "POST",
    headers: { host: "127.0.0.1:3000", origin: ORIGIN, ...type, ...headers },
    body: body.toString(),
  });
}

const seen: Record<string, unknown>[] = [];
const route = writeRoute({
  anonymous: true,
  params: ["thingId"],
  form: (f) => ({ name: f.str("name"), count: f.int("count") }),
  command: async (input) => {
    seen.push(input);
    if (input.name === "taken") throw new AppError("conflict", "already exists", { field: "name", details: { reason: "duplicate" } });
    if (input.name === "boom") throw new Error("a bug");
    return { id: `${input.thingId}:${input.name}` };
  },
  fallback: "/things",
  done: (result, back) => withQuery(back, { done: result.id }),
});

describe("a write route", () => {
  it("answers JSON with { ok, data } and lays the path parameters over the body", async () => {
    const response = await route(post(JSON.stringify({ name: "well", thingId: "other" })), params({ thingId: "t1" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, data: { id: "t1:well" } });
  });

  it("maps a refusal once: the code's HTTP status and the error's code, field and reason", async () => {
    const response = await route(post(JSON.stringify({ name: "taken" })), params({ thingId: "t1" }));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "conflict", field: "name", details: { reason: "duplicate" } } });
  });

  it("sends a plain form back to its page with the outcome, and a refusal with its code, field and reason", async () => {
    const done = await route(post(new URLSearchParams({ name: "pond", count: "3", back: "/things/t1?error=old" })), params({ thingId: "t1" }));
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/things/t1?done=t1%3Apond");
    expect(seen.at(-1)).toEqual({ name: "pond", count: 3, thingId: "t1" });
    const refused = await route(post(new URLSearchParams({ name: "taken", back: "/things/t1" })), params({ thingId: "t1" }));
    expect(refused.headers.get("location")).toBe("/things/t1?error=conflict&field=name&reason=duplicate");
  });

  it("never redirects to another site, and turns a bug into `internal` without its message", async () => {
    const response = await route(post(new URLSearchParams({ name: "boom", back: "//evil.example/x" })), params({ thingId: "t1" }));
    expect(response.headers.get("location")).toBe("/things?error=internal");
  });

  it("refuses a write from another site before reading it", async () => {
    const before = seen.length;
    const response = await route(post(JSON.stringify({ name: "x" }), { origin: "https://evil.example" }), params({ thingId: "t1" }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "forbidden", details: { reason: "cross_origin" } } });
    expect(seen.length).toBe(before);
  });

  it("takes text/plain neither as JSON nor as a form", async () => {
    const response = await route(post(JSON.stringify({ name: "x" }), { "content-type": "text/plain;application/json" }), params({ thingId: "t1" }));
    expect(response.headers.get("location")).toBe("/things?error=invalid_input");
  });
});

describe("a form-only route with a confirmation", () => {
  const reasons: unknown[] = [];
  const confirmed = writeRoute({
    anonymous: true,
    json: false,
    confirm: "yes",
    back: () => "/steps",
    form: (f) => ({ reason: f.text("reason") }),
    command: async (input) => {
      reasons.push(input.reason);
      return {};
    },
    failed: (error) => withError("/steps/failed", error),
  });

  it("refuses JSON in JSON: it has no page to show", async () => {
    const response = await confirmed(post(JSON.stringify({ reason: "x" })), params({}));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "invalid_input", field: "content-type" } });
  });

  it("changes nothing until the box is ticked, and keeps the text as typed", async () => {
    const unticked = await confirmed(post(new URLSearchParams({ reason: "  indented" })), params({}));
    expect(unticked.headers.get("location")).toBe("/steps/failed?error=invalid_input&field=confirm");
    expect(reasons).toEqual([]);
    const ticked = await confirmed(post(new URLSearchParams({ reason: "  indented", confirm: "yes" })), params({}));
    expect(ticked.headers.get("location")).toBe("/steps?saved=1");
    expect(reasons).toEqual(["  indented"]);
  });
});
