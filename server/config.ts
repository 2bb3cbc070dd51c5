import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** A problem the operator must fix before Yishi can start: printed as one line, exit code 1, no stack trace. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.hostname !== "";
  } catch {
    return false;
  }
}, "DATABASE_URL 必须形如 postgresql://用户@主机:5432/数据库 (must look like postgresql://user@host:5432/db)");

const redisUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === "redis:" || url.protocol === "rediss:";
  } catch {
    return false;
  }
}, "REDIS_URL 必须形如 redis://主机:6379 (must look like redis://host:6379)");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  YISHI_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: redisUrl.optional(),
  YISHI_MIGRATE_URL: postgresUrl.optional(),
  YISHI_ALLOW_SUPERUSER: z.enum(["0", "1"]).default("0"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET 至少 32 个字符 (at least 32 characters)").optional(),
  YISHI_DEMO: z.enum(["0", "1"]).default("1"),
  YISHI_PUBLIC_ORIGIN: z.string().url().optional(),
  YISHI_WARM_UP: z.enum(["0", "1"]).default("1"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL: the tables' owner, for migrations and grants, when DATABASE_URL is the app's own role. */
  migrateUrl?: string;
  /** Run on PostgreSQL as a superuser or BYPASSRLS role, for which row-level security does not apply. */
  allowSuperuser?: boolean;
  redisUrl?: string;
  demo: boolean;
  dev: boolean;
  publicOrigin?: string;
  /** Load the hall's first pages right after listening (server/web/warmUp.ts). */
  warmUp?: boolean;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset (a blank line in .env, or a test harness clearing it).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(`配置错误 ${String(issue?.path[0] ?? "")}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.YISHI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    migrateUrl: e.DATABASE_URL ? e.YISHI_MIGRATE_URL : undefined,
    allowSuperuser: e.YISHI_ALLOW_SUPERUSER === "1",
    redisUrl: e.REDIS_URL,
    demo: e.YISHI_DEMO === "1",
    dev: e.NODE_ENV === "development",
    publicOrigin: e.YISHI_PUBLIC_ORIGIN,
    warmUp: e.YISHI_WARM_UP === "1",
  };
}

export function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StartupError(`无法创建数据目录 ${dataDir}: ${(error as Error).message} (cannot create the data directory)`);
  }
}

/**
 * NEXTAUTH_SECRET signs every session. When the operator does not set it we generate one once and keep it in the
 * data directory (mode 0600), so sessions survive restarts. It is never logged.
 */
export function ensureAuthSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${secret}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return secret;
}

export const ID_NUMBER_KEY_ENV = "YISHI_ID_NUMBER_KEY";
export const ID_NUMBER_KEY_FILE = "id-number-key";

/**
 * The key of the 身份证号 hashes. A plain hash of an ID number can be reversed by trying every plausible number
 * (about 10^11), so the hash is keyed and the key lives outside the database: YISHI_ID_NUMBER_KEY (several nodes
 * must share it, like NEXTAUTH_SECRET), else <dataDir>/id-number-key, generated once (mode 0600) and carried by
 * backups. A lost key only means a later import cannot see that a number is already on the register.
 */
export function ensureIdNumberKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[ID_NUMBER_KEY_ENV]?.trim();
  if (fromEnv) {
    if (fromEnv.length < 32) throw new StartupError(`${ID_NUMBER_KEY_ENV} 至少 32 个字符 (at least 32 characters)`);
    return fromEnv;
  }
  const file = path.join(dataDir, ID_NUMBER_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = randomBytes(32).toString("base64url");
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${key}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return key;
}
