/**
 * Login throttling (ASVS 6.3, issue #17) with rate-limiter-flexible. An attempt is reserved — counted atomically in
 * the shared store — before the password is verified, so N guesses sent at once get at most the allowed number
 * checked, and every node counts in the same place:
 *  - REDIS_URL set: Redis (the nodes already share it); while Redis is unreachable each node falls back to its own
 *    memory (insuranceLimiter), which still bounds guessing per node;
 *  - else PostgreSQL (DATABASE_URL): the table "LoginThrottle" (migration login_throttle_password_reset);
 *  - else PGlite: memory. PGlite is one process by construction (the data directory's lock file refuses a second
 *    owner), so that memory sees every login there is; it is kept on globalThis, shared by Next's bundle and tsx.
 * A phone gets PHONE_POINTS attempts per window and an address ADDRESS_POINTS (a village hall behind one NAT logs
 * in together); a successful login clears the phone's count and gives the address its attempt back.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { processSingleton } from "../singleton";

export const PHONE_POINTS = 5;
export const ADDRESS_POINTS = 30;
/** Guesses at one-time co-signing codes (联名码) from one address per window: a village hall types a few dozen. */
export const CODE_POINTS = 40;
const WINDOW_S = 15 * 60;

export type LoginLimiters = { phone: RateLimiterAbstract; address: RateLimiterAbstract; code: RateLimiterAbstract };
type Env = Partial<Record<"REDIS_URL" | "DATABASE_URL" | "YISHI_DATA_DIR", string>>;
const KEY = "__yishiLoginLimiters";

/**
 * Redis may serve more than one deployment (a township's several Yishi, a test run's many servers): keys carry a tag
 * of the deployment, taken from the database that all of its nodes share — its URL, or the embedded database's
 * folder — so one deployment's failed logins never lock out another's users. The table and memory stores are per
 * deployment already.
 */
function deploymentTag(env: Env): string {
  const database = env.DATABASE_URL || path.resolve(/* turbopackIgnore: true */ env.YISHI_DATA_DIR ?? "data");
  return createHash("sha256").update(`yishi-login-throttle\n${database}`).digest("hex").slice(0, 16);
}

export function createLoginLimiters(env: Env): LoginLimiters {
  const tag = deploymentTag(env);
  const make = (name: string, points: number): RateLimiterAbstract => {
    const options = { keyPrefix: env.REDIS_URL ? `yishi:${tag}:${name}` : name, points, duration: WINDOW_S };
    if (env.REDIS_URL) {
      // Commands wait for the connection (the first logins come before it is ready), but at most a second: while
      // Redis is down the reservation times out and the memory limiter answers instead.
      const storeClient = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
      storeClient.on("error", () => undefined);
      return new RateLimiterRedis({ ...options, storeClient, insuranceLimiter: new RateLimiterMemory(options) });
    }
    if (env.DATABASE_URL) {
      const storeClient = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2, allowExitOnIdle: true });
      storeClient.on("error", () => undefined);
      return new RateLimiterPostgres({ ...options, storeClient, tableName: "LoginThrottle", tableCreated: true });
    }
    return new RateLimiterMemory(options);
  };
  return { phone: make("login:phone", PHONE_POINTS), address: make("login:ip", ADDRESS_POINTS), code: make("code:ip", CODE_POINTS) };
}

function limiters(): LoginLimiters {
  return processSingleton(KEY, () =>
    createLoginLimiters({ REDIS_URL: process.env.REDIS_URL, DATABASE_URL: process.env.DATABASE_URL, YISHI_DATA_DIR: process.env.YISHI_DATA_DIR }),
  );
}

export type Reservation = { phone: string; address: string };

/**
 * Reserves one attempt for this phone and this address, or answers null (throttled: try again later). Only a
 * reserved attempt may verify a password. A store that cannot be reached is an error, never a free pass.
 */
export async function reserveLoginAttempt(phone: string, address: string, use = limiters()): Promise<Reservation | null> {
  const { phone: byPhone, address: byAddress } = use;
  try {
    await byAddress.consume(address);
    await byPhone.consume(phone);
    return { phone, address };
  } catch (error) {
    if (error instanceof RateLimiterRes) return null;
    throw error;
  }
}

/** After a successful login: the phone starts afresh, and the address gets its attempt back. */
export async function loginSucceeded(reservation: Reservation, use = limiters()): Promise<void> {
  const { phone: byPhone, address: byAddress } = use;
  await byPhone.delete(reservation.phone);
  await byAddress.reward(reservation.address);
}

/**
 * One try at a one-time code (a co-signing code) from this address, or false when the address has used up its
 * tries for the window. A code that works gives the try back, so only wrong guesses count.
 */
export async function reserveCodeAttempt(address: string, use = limiters()): Promise<boolean> {
  try {
    await use.code.consume(address);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

export async function codeAttemptSucceeded(address: string, use = limiters()): Promise<void> {
  await use.code.reward(address);
}
