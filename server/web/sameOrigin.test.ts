/** The same-origin rule's use of forwarded headers: trusted only with YISHI_TRUST_PROXY=1 (issue #17). */
import { afterEach, describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./sameOrigin";

const behindProxy = { host: "127.0.0.1:3000", "x-forwarded-host": "yishi.example.cn", "x-forwarded-proto": "https" };

afterEach(() => {
  delete process.env.YISHI_TRUST_PROXY;
  delete process.env.YISHI_ALLOWED_ORIGINS;
});

describe("the same-origin rule", () => {
  it("without a trusted proxy compares with Host only: a client-sent X-Forwarded-Host changes nothing", () => {
    expect(isSameOriginRequest({ ...behindProxy, origin: "https://yishi.example.cn" })).toBe(false);
    expect(isSameOriginRequest({ ...behindProxy, origin: "http://127.0.0.1:3000" })).toBe(true);
    expect(isSameOriginRequest({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example", origin: "http://evil.example" })).toBe(false);
  });

  it("behind a trusted proxy compares with the forwarded host and scheme", () => {
    process.env.YISHI_TRUST_PROXY = "1";
    expect(isSameOriginRequest({ ...behindProxy, origin: "https://yishi.example.cn" })).toBe(true);
    expect(isSameOriginRequest({ ...behindProxy, origin: "http://yishi.example.cn" })).toBe(false);
    expect(isSameOriginRequest({ ...behindProxy, origin: "http://127.0.0.1:3000" })).toBe(false);
  });

  it("treats another port of the same host, an opaque origin and a cross-site fetch as foreign", () => {
    expect(isSameOriginRequest({ host: "192.168.1.5:3000", origin: "http://192.168.1.5:3001" })).toBe(false);
    expect(isSameOriginRequest({ host: "192.168.1.5:3000", origin: "null" })).toBe(false);
    expect(isSameOriginRequest({ host: "192.168.1.5:3000", "sec-fetch-site": "same-site" })).toBe(false);
    expect(isSameOriginRequest({ host: "192.168.1.5:3000", referer: "http://192.168.1.5:3001/page" })).toBe(false);
    expect(isSameOriginRequest({ host: "192.168.1.5:3000", referer: "http://192.168.1.5:3000/admin" })).toBe(true);
  });

  it("lets through what no browser page sent (scripts, operator tools), and origins the operator allowed", () => {
    expect(isSameOriginRequest({ host: "192.168.1.5:3000" })).toBe(true);
    expect(isSameOriginRequest({ host: "example.cn", origin: "https://example.cn", "sec-fetch-site": "same-origin" })).toBe(true);
    process.env.YISHI_ALLOWED_ORIGINS = "http://projector.local:8080";
    expect(isSameOriginRequest({ host: "192.168.1.5:3000", origin: "http://projector.local:8080" })).toBe(true);
  });
});
