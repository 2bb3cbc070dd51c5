/** One-time login codes: made and hashed in server/auth/loginTokens.ts, named here for the account commands. */
export { hashLoginToken, LOGIN_TOKEN_DAYS, LOGIN_TOKEN_PATTERN, newLoginToken } from "../../auth/loginTokens";
