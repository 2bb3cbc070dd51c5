/** Why a login posted without JavaScript failed, as /api/login tells the login page: a code, never what was typed. */
export const LOGIN_ERRORS = ["failed", "throttled", "unavailable"] as const;
export type LoginError = (typeof LOGIN_ERRORS)[number];

export function loginErrorOf(value: unknown): LoginError | null {
  return LOGIN_ERRORS.find((code) => code === value) ?? null;
}
