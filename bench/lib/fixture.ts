/**
 * The benchmark's own database, built once and reused: a 成员大会 of N members (the burst) and a 15-member public
 * meeting (the fan-out), both in session with everyone present, made with the real commands (server/faults/
 * assembly.ts) before the server starts. Members log in with one-time codes from a login sheet; the session cookies
 * are kept beside the data for the next runs (sessions last 12 hours).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type Assembly, createAssembly, type DbTarget, loginSheet, withDatabase } from "../../server/faults/assembly";
import { redeemAll } from "../../server/faults/clients";

export type Body = { orgId: string; bodyId: string; meetingId: string; chairPersonId: string; voters: { personId: string; name: string }[] };

type State = {
  version: 1;
  big: Body;
  small: Body;
  cookies?: { at: number; bigChair: string; smallChair: string; voters: string[] };
};

export type Fixture = {
  target: DbTarget;
  db: "pglite" | "postgres";
  big: Body;
  small: Body;
  cookies: NonNullable<State["cookies"]> | null;
  tokens: Tokens | null;
};
type Tokens = { bigChair: string; smallChair: string; voters: string[] };

const COOKIE_MAX_AGE_MS = 10 * 3_600_000;

function bodyOf(a: Assembly): Body {
  return {
    orgId: a.orgId,
    bodyId: a.bodyId,
    meetingId: a.meetingId,
    chairPersonId: a.chair.personId,
    voters: a.voters.map((v) => ({ personId: v.personId, name: v.name })),
  };
}

/** A database of our own next to DATABASE_URL's, created when missing (or when a previous build did not finish). */
export async function benchDatabase(baseUrl: string, name: string, fresh: boolean): Promise<string> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (exists && fresh) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    if (!exists || fresh) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Database `to` replaced by a copy of `from` (`CREATE DATABASE … TEMPLATE`: PostgreSQL copies the files), through
 * `adminUrl`, a database of the same server other than the two. Nobody may be connected to `from`: any left are cut off.
 */
export async function copyDatabase(adminUrl: string, from: string, to: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [from]);
    await admin.query(`DROP DATABASE IF EXISTS "${to}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${to}" TEMPLATE "${from}"`);
  } finally {
    await admin.end();
  }
}

/** Opens (building if needed) the bench data for `voters` members; issues fresh login codes when the cookies are old. */
export async function prepareFixture(voters: number, onProgress: (fraction: number, detail: string) => void): Promise<Fixture> {
  const db = process.env.DATABASE_URL ? "postgres" : "pglite";
  const dataDir = path.join(tmpdir(), "yishi-bench", `${db}-${voters}`);
  const stateFile = path.join(dataDir, "bench.json");
  const existing = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as State) : null;
  if (!existing) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = process.env.DATABASE_URL ? await benchDatabase(process.env.DATABASE_URL, `yishi_bench_${voters}`, !existing) : undefined;
  const target: DbTarget = { dataDir, databaseUrl };
  let state = existing;
  if (!state) {
    onProgress(0, `building ${voters} members (once per data directory: ${dataDir})`);
    state = await withDatabase(target, async () => {
      const big = await createAssembly({
        voters,
        series: 0,
        title: "成员大会（基准测试）",
        onProgress: (done, total) => onProgress(done / total, `marking ${done}/${total} present`),
      });
      const small = await createAssembly({ voters: 15, series: 1, title: "村民代表会议（基准测试，公开）" });
      return { version: 1 as const, big: bodyOf(big), small: bodyOf(small) };
    });
    writeFileSync(stateFile, JSON.stringify(state));
  }
  const fresh = state.cookies && Date.now() - state.cookies.at < COOKIE_MAX_AGE_MS && state.cookies.voters.length === voters;
  let tokens: Tokens | null = null;
  if (!fresh) {
    const { big, small } = state;
    tokens = await withDatabase(target, async () => {
      const bigSheet = await loginSheet(big.bodyId);
      const smallSheet = await loginSheet(small.bodyId);
      return {
        bigChair: bigSheet.get(big.chairPersonId) ?? "",
        smallChair: smallSheet.get(small.chairPersonId) ?? "",
        voters: big.voters.map((v) => bigSheet.get(v.personId) ?? ""),
      };
    });
  }
  return { target, db, big: state.big, small: state.small, cookies: fresh ? (state.cookies ?? null) : null, tokens };
}

/** The session cookies: kept ones, or the login codes redeemed now on the running server (and kept). */
export async function sessionCookies(
  fixture: Fixture,
  url: string,
  onProgress: (fraction: number, detail: string) => void,
): Promise<NonNullable<State["cookies"]>> {
  if (fixture.cookies) return fixture.cookies;
  const tokens = fixture.tokens;
  if (!tokens) throw new Error("no login codes to redeem");
  const all = [tokens.bigChair, tokens.smallChair, ...tokens.voters];
  const cookies: string[] = [];
  for (let at = 0; at < all.length; at += 100) {
    cookies.push(...(await redeemAll(url, all.slice(at, at + 100), 8)));
    onProgress(Math.min(1, (at + 100) / all.length), `logged in ${Math.min(all.length, at + 100)}/${all.length}`);
  }
  const [bigChair = "", smallChair = "", ...voters] = cookies;
  const kept = { at: Date.now(), bigChair, smallChair, voters };
  const stateFile = path.join(fixture.target.dataDir, "bench.json");
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as State;
  writeFileSync(stateFile, JSON.stringify({ ...state, cookies: kept }));
  return kept;
}
