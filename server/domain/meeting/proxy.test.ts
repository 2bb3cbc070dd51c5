import { describe, expect, it } from "vitest";
import { BODY_KINDS } from "../rules";
import { type ProxyCheck, proxyAllowed, validateProxy } from "./proxy";

const lawful: ProxyCheck = {
  bodyKind: "members-assembly",
  memberPersonId: "m1",
  holderPersonId: "h1",
  memberHouseholdId: "hh1",
  holderHouseholdId: "hh1",
  holderIsAdult: true,
  authorizationNote: "书面委托书，已签字",
};

describe("proxyAllowed (RULES.md §3, RCEOL 27)", () => {
  it.each(BODY_KINDS)("%s", (body) => {
    expect(proxyAllowed(body)).toBe(body === "members-assembly");
  });
});

describe("validateProxy", () => {
  it("accepts a written proxy to an adult of the same household at a members' assembly", () => {
    expect(() => validateProxy(lawful)).not.toThrow();
  });

  it("accepts the brief form without person ids or note", () => {
    expect(() => validateProxy({ bodyKind: "members-assembly", memberHouseholdId: "hh1", holderHouseholdId: "hh1", holderIsAdult: true })).not.toThrow();
  });

  it.each([
    ["representative body", { bodyKind: "villager-representatives" }, "forbidden", "status"],
    ["villagers' assembly", { bodyKind: "villagers-assembly" }, "forbidden", "status"],
    ["member representatives", { bodyKind: "member-representatives" }, "forbidden", "status"],
    ["another household", { holderHouseholdId: "hh2" }, "invalid_input", "holderPersonId"],
    ["member without household", { memberHouseholdId: null, holderHouseholdId: null }, "invalid_input", "personId"],
    ["holder without full capacity", { holderIsAdult: false }, "invalid_input", "holderPersonId"],
    ["member as own holder", { holderPersonId: "m1" }, "invalid_input", "holderPersonId"],
    ["blank authorization", { authorizationNote: "  " }, "invalid_input", "authorizationNote"],
    ["overlong authorization", { authorizationNote: "委".repeat(501) }, "invalid_input", "authorizationNote"],
  ] as [string, Partial<ProxyCheck>, string, string][])("refuses %s", (_label, change, code, field) => {
    expect(() => validateProxy({ ...lawful, ...change })).toThrow(expect.objectContaining({ code, field }));
  });
});
