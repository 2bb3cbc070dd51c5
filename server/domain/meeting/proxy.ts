/**
 * Proxies (委托): who may attend for an absent member, and when a proxy is lawful (RULES.md §3).
 */
import { AppError } from "../../errors";
import type { BodyKind } from "../rules";

/** Why a proxy does not count; null when it is lawful. */
export type ProxyProblem =
  | "proxy_not_allowed"
  | "member_without_household"
  | "different_household"
  | "holder_not_adult"
  | "holder_is_member"
  | "no_authorization"
  | "holder_not_present";

export type ProxyCheck = {
  bodyKind: BodyKind;
  memberHouseholdId: string | null;
  holderHouseholdId: string | null;
  /** Full civil capacity (完全民事行为能力); the register keeps it as "adult". */
  holderIsAdult: boolean;
  memberPersonId?: string;
  holderPersonId?: string;
  /** The written authorization (书面委托), e.g. "委托书，2025-06-01 签字". Checked when given. */
  authorizationNote?: string;
};

export const AUTHORIZATION_NOTE_MAX = 500;

/**
 * Only a 成员大会 admits proxies: RCEOL 27 lets a member who cannot attend entrust in writing another family member
 * of the same household with full civil capacity. No statute allows a proxy at a 村民会议, a 村民代表会议 or the
 * other bodies, and representative bodies never (RULES.md §3). VCOL 15's proxy is for the 村委会 election only,
 * which is not a meeting of these bodies.
 */
export function proxyAllowed(bodyKind: BodyKind): boolean {
  return bodyKind === "members-assembly";
}

/**
 * The first reason the proxy is not lawful, or null. One holder may hold written proxies of several absent
 * members of the household: RCEOL 27 sets no limit.
 */
export function proxyProblem(check: ProxyCheck): Exclude<ProxyProblem, "holder_not_present"> | null {
  if (!proxyAllowed(check.bodyKind)) return "proxy_not_allowed";
  if (check.memberPersonId !== undefined && check.memberPersonId === check.holderPersonId) return "holder_is_member";
  // RCEOL 27: 同一户内 — a member outside any household has nobody who can hold their proxy.
  if (check.memberHouseholdId === null) return "member_without_household";
  if (check.holderHouseholdId !== check.memberHouseholdId) return "different_household";
  // RCEOL 27: 具有完全民事行为能力.
  if (!check.holderIsAdult) return "holder_not_adult";
  // RCEOL 27: 书面委托 — the written authorization must be on record.
  if (check.authorizationNote !== undefined && check.authorizationNote.trim() === "") return "no_authorization";
  return null;
}

const PROBLEM_ERRORS: Record<ProxyProblem, { field: string; message: string }> = {
  proxy_not_allowed: { field: "status", message: "this body admits no proxies (RCEOL 27 allows them at a members' assembly only)" },
  member_without_household: { field: "personId", message: "a member outside any household cannot give a proxy (RCEOL 27: same household)" },
  different_household: { field: "holderPersonId", message: "the proxy holder must be of the member's household (RCEOL 27)" },
  holder_not_adult: { field: "holderPersonId", message: "the proxy holder must have full civil capacity (RCEOL 27)" },
  holder_is_member: { field: "holderPersonId", message: "a member cannot hold their own proxy" },
  no_authorization: { field: "authorizationNote", message: "a proxy needs a written authorization (RCEOL 27: 书面委托)" },
  holder_not_present: { field: "holderPersonId", message: "the proxy holder is not present" },
};

/** The error for a proxy problem: forbidden where the body admits no proxy at all, else invalid_input. */
export function proxyError(problem: ProxyProblem): AppError {
  const { field, message } = PROBLEM_ERRORS[problem];
  const code = problem === "proxy_not_allowed" ? "forbidden" : "invalid_input";
  return new AppError(code, message, { field, details: { problem } });
}

/** Throws the typed error of the first problem; returns nothing when the proxy is lawful. */
export function validateProxy(check: ProxyCheck): void {
  const problem = proxyProblem(check);
  if (problem !== null) throw proxyError(problem);
  if (check.authorizationNote !== undefined && check.authorizationNote.length > AUTHORIZATION_NOTE_MAX) {
    throw new AppError("invalid_input", `the authorization note is longer than ${AUTHORIZATION_NOTE_MAX} characters`, {
      field: "authorizationNote",
    });
  }
}
