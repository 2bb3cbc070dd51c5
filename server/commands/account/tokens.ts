/** One-time login codes: made and hashed in server/auth/loginTokens.ts, named here for the account commands. */
export { LOGIN_TOKEN_DAYS, LOGIN_TOKEN_PATTERN, hashLoginToken, newLoginToken } from "../../auth/loginTokens";
