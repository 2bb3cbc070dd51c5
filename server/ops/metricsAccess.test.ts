import { describe, expect, it } from "vitest";
import { redact } from "./logger";
import { cameThroughProxy, isLoopback, metricsAccess } from "./metricsAccess";
import { isSameMachine } from "./opsEndpoint";
import { acceptableRequestId, routeLabel } from "./requestContext";

describe("who may read /metrics", () => {
  it("counts only this machine's loopback addresses as loopback", () => {
    for (const local of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(local)).toBe(true);
    for (const remote of ["10.0.0.5", "192.168.1.20", "::ffff:192.168.1.20", "2001:db8::1", "128.0.0.1", "127.0.0.256", "", undefined, "localhost"]) {
      expect(isLoopback(remote)).toBe(false);
    }
  });

  it("refuses a remote scraper without a token and serves loopback", () => {
    expect(metricsAccess("192.168.1.20", undefined, undefined)).toEqual({ allowed: false, status: 403 });
    expect(metricsAccess("::ffff:10.1.2.3", "Bearer guess", undefined)).toEqual({ allowed: false, status: 403 });
    expect(metricsAccess("127.0.0.1", undefined, undefined)).toEqual({ allowed: true });
  });

  it("refuses a request that a reverse proxy on this machine handed on, though it comes from loopback", () => {
    const proxied = cameThroughProxy({ host: "yishi.example.cn", "x-forwarded-for": "203.0.113.9" });
    expect(proxied).toBe(true);
    expect(cameThroughProxy({ host: "127.0.0.1:3000", "user-agent": "Prometheus/2.53" })).toBe(false);
    expect(metricsAccess("127.0.0.1", undefined, undefined, proxied)).toEqual({ allowed: false, status: 403 });
    expect(metricsAccess("127.0.0.1", "Bearer t0ken-t0ken", "t0ken-t0ken", proxied)).toEqual({ allowed: true });
  });

  it("with a token, asks everyone for it — loopback included, since a local reverse proxy connects from there", () => {
    const token = "s3cret-token-for-prometheus";
    expect(metricsAccess("127.0.0.1", undefined, token)).toEqual({ allowed: false, status: 401 });
    expect(metricsAccess("203.0.113.9", "Bearer wrong-token-of-same-size!", token)).toEqual({ allowed: false, status: 401 });
    expect(metricsAccess("203.0.113.9", `Bearer ${token}`, token)).toEqual({ allowed: true });
    expect(metricsAccess("127.0.0.1", `bearer ${token}`, token)).toEqual({ allowed: true });
  });

  it("lets the operator tools in only from this machine", () => {
    expect(isSameMachine("127.0.0.1")).toBe(true);
    expect(isSameMachine("203.0.113.9")).toBe(false);
  });
});

describe("log hygiene", () => {
  it("masks phone numbers in error texts that reach the log", () => {
    expect(redact("Key (phone)=(13812345678) already exists")).toBe("Key (phone)=(138****5678) already exists");
    expect(redact("seq 12345678901234 and 8613812345678x")).toBe("seq 12345678901234 and 8613812345678x");
  });

  it("labels HTTP routes without their ids, and accepts only harmless request ids from a proxy", () => {
    expect(routeLabel("POST", "/api/admin/orgs/cmwz6ntw50000bl7d6kjwhiuy/households?x=1")).toBe("POST /api/admin/orgs/:id/households");
    expect(routeLabel("GET", "/api/minutes/3f2c1a9e-1b2c-4d5e-8f90-123456789abc/sign")).toBe("GET /api/minutes/:id/sign");
    expect(acceptableRequestId("abc-123-def-456")).toBe("abc-123-def-456");
    expect(acceptableRequestId("bad id\nwith newline")).toBeUndefined();
  });
});
