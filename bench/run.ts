/**
 * `npm run bench` (issue #10): fan-out to observers against a raw Socket.IO baseline, a burst of voters, the minutes
 * benchmark (bench/minutes.ts), verifying a large audit log (bench/auditVerify.ts), and memory per observer. Prints
 * a table and writes bench/results/latest.json. Never part of a test's pass or fail.
 *
 *   npm run bench                 5,000 observers, 2,000 voters, 30 editors for 60 s, 1,000,000 audit entries
 *   npm run bench -- --quick      a small version (under 3 minutes once its data is built)
 *   options: --observers N --voters N --entries N --restarts N --meetings N --soak-minutes N --processes N
 *            --skip restart,minutes,audit_verify,fanout,burst,soak,district
 *
 * Issue #24: restart to ready and idle memory against a minimal server on the same stack (bench/lib/restart.ts),
 * memory per observer against a bare Socket.IO client, audit verification against hashing the same bytes.
 *
 * PGlite by default; with DATABASE_URL set, PostgreSQL (the bench makes its own database next to it).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../scripts/buildIfNeeded.mjs";
import { ensureServerBundle } from "../scripts/serverBundle.mjs";
import { type Phone, phone } from "../server/faults/clients";
import { startServer, type TestServer } from "../server/testing/server";
import { burst, checkBurst } from "./lib/burst";
import { burstFloor } from "./lib/burstFloor";
import { ClientPool } from "./lib/clients";
import { fanout } from "./lib/fanout";
import { prepareFixture, sessionCookies } from "./lib/fixture";
import { Progress } from "./lib/progress";
import { restartBench } from "./lib/restart";
import { round } from "./lib/stats";
import { type BenchResult, printTable } from "./lib/table";

// Commands run in this process while the data is built: keep their log lines out of the table's way. The server
// keeps logging (at info, its default): the fan-out reads each command's commit time from its log line.
const serverLogLevel = process.env.YISHI_LOG_LEVEL ?? "info";
process.env.YISHI_LOG_LEVEL = "warn";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const option = (name: string): number | undefined => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? Number(args[at + 1]) : undefined;
};
const skipAt = args.indexOf("--skip");
const skip = new Set(skipAt >= 0 ? (args[skipAt + 1] ?? "").split(",") : []);
const sizes = {
  observers: option("--observers") ?? (quick ? 300 : 5_000),
  voters: option("--voters") ?? (quick ? 200 : 2_000),
  entries: option("--entries") ?? (quick ? 50_000 : 1_000_000),
  editors: 30,
  minutesSeconds: quick ? 5 : 60,
  rounds: quick ? 5 : 12,
  gapMs: quick ? 500 : 1_500,
  processes: option("--processes") ?? 2,
  restarts: option("--restarts") ?? (quick ? 2 : 5),
  idleMs: quick ? 2_000 : 5_000,
  meetings: option("--meetings") ?? (quick ? 10 : 100),
  soakMinutes: option("--soak-minutes") ?? (quick ? 1 : 3),
  soakSampleSeconds: quick ? 15 : 30,
};

const progress = new Progress([
  { name: "build", weight: 2 },
  { name: "restart", weight: quick ? 6 : 8 },
  { name: "data", weight: 5 },
  { name: "server", weight: 3 },
  { name: "logins", weight: 3 },
  { name: "fanout", weight: 18 },
  { name: "burst", weight: 10 },
  { name: "check", weight: 2 },
  { name: "minutes", weight: quick ? 6 : 15 },
  { name: "audit_verify", weight: quick ? 3 : 10 },
  { name: "soak", weight: quick ? 8 : 15 },
  { name: "district", weight: quick ? 10 : 30 },
]);

async function main(): Promise<void> {
  const result: BenchResult = {
    fanout: { observers: sizes.observers, p99_ms: null, baseline_p99_ms: null },
    burst: { voters: sizes.voters, db: process.env.DATABASE_URL ? "postgres" : "pglite", all_acked_ms: null, floor_ms: null, lost: null, duplicated: null },
    minutes: { editors: sizes.editors, p99_ms: null },
    audit_verify: { entries: sizes.entries, ms: null, floor_ms: null },
    rss_per_observer_kb: null,
    rss_per_observer_floor_kb: null,
    restart: { ms: null, floor_ms: null, command: "", load: null },
    rss_idle: { mb: null, floor_mb: null },
    soak: { minutes: sizes.soakMinutes, slope_mb_per_h: null, rss_start_mb: null, rss_end_mb: null },
    district: { meetings: sizes.meetings, members: 30, observers: 30, p99_ms: null, floor_p99_ms: null, ack_p99_ms: null, lost: null, duplicated: null },
  };
  const notes: string[] = [];
  const extra: Record<string, string | number> = {};

  progress.start("build");
  buildIfNeeded({ quiet: true });
  await ensureServerBundle();

  progress.start("restart");
  if (skip.has("restart")) notes.push("restart: skipped (--skip)");
  else {
    // The restart on PostgreSQL needs only the database the district would use (no Redis).
    const { databaseProblem, districtServices } = await import("./lib/district");
    const postgresUrl = districtServices().databaseUrl;
    const postgresProblem = await databaseProblem(postgresUrl);
    if (postgresProblem) notes.push(`restart on PostgreSQL: skipped — ${postgresProblem}`);
    const measured = await restartBench(sizes.restarts, sizes.idleMs, (f, d) => progress.update(f, d), postgresProblem ? undefined : postgresUrl);
    result.restart = {
      ms: round(measured.yishi.ready_ms, 0),
      floor_ms: round(measured.minimal.ready_ms, 0),
      command: measured.command,
      load: round(measured.load, 1),
      postgres_ms: measured.postgres ? round(measured.postgres.ready_ms, 0) : null,
    };
    result.rss_idle = {
      mb: round(measured.yishi.rss_idle_mb, 0),
      floor_mb: round(measured.minimal.rss_idle_mb, 0),
      postgres_mb: measured.postgres ? round(measured.postgres.rss_idle_mb, 0) : null,
    };
    if (measured.postgres) extra["restart runs ms (yishi on PostgreSQL)"] = measured.postgres.runs.join(", ");
    extra["restart runs ms (yishi)"] = measured.yishi.runs.join(", ");
    extra["restart runs ms (minimal)"] = measured.minimal.runs.join(", ");
    extra["restart to health / to join ms"] = `${round(measured.yishi.health_ms, 0)} / ${round(measured.yishi.join_ms, 0)}`;
  }
  if (!skip.has("fanout") || !skip.has("burst")) await stage("fanout/burst", notes, () => live(result, notes, extra));

  progress.start("minutes");
  if (skip.has("minutes")) notes.push("minutes: skipped (--skip)");
  else await stage("minutes", notes, () => minutes(result, notes));

  progress.start("audit_verify");
  if (skip.has("audit_verify")) notes.push("audit_verify: skipped (--skip)");
  else {
    await stage("audit_verify", notes, async () => {
      const { run } = await import("./auditVerify");
      const verified = await run(sizes.entries);
      result.audit_verify = { entries: verified.entries, ms: verified.ms, floor_ms: verified.floor_ms };
    });
  }

  progress.start("soak");
  if (skip.has("soak") || sizes.soakMinutes <= 0) notes.push("soak: skipped (--skip or --soak-minutes 0)");
  else
    await stage("soak", notes, async () => {
      const { soak } = await import("./soak");
      const measured = await soak({ minutes: sizes.soakMinutes, sampleSeconds: sizes.soakSampleSeconds, onProgress: (f, d) => progress.update(f, d) });
      result.soak = {
        minutes: measured.minutes,
        slope_mb_per_h: measured.slope_mb_per_h,
        rss_start_mb: measured.rss_start_mb,
        rss_end_mb: measured.rss_end_mb,
      };
      extra["soak heap+external slope MB/h"] = measured.heap_slope_mb_per_h;
      extra["soak samples"] = measured.samples.length;
      extra["soak votes / motions / keystrokes"] = `${measured.votes} / ${measured.motions} / ${measured.keystrokes}`;
    });
  // The last 30-minute soak (npm run bench:soak), shown beside this run's short one.
  const soakFile = path.join(import.meta.dirname, "results", "soak.json");
  if (existsSync(soakFile)) {
    const last = JSON.parse(readFileSync(soakFile, "utf8")) as {
      minutes: number;
      slope_mb_per_h: number;
      rss_start_mb: number;
      rss_end_mb: number;
      at: string;
      load: number;
    };
    extra["last bench:soak"] =
      `${last.minutes} min on ${last.at.slice(0, 16)}: ${last.rss_start_mb} → ${last.rss_end_mb} MB, slope ${last.slope_mb_per_h} MB/h (load ${last.load})`;
  }

  progress.start("district");
  if (skip.has("district")) notes.push("district: skipped (--skip)");
  else
    await stage("district", notes, async () => {
      const { district, districtServices, servicesProblem } = await import("./lib/district");
      const problem = await servicesProblem(districtServices());
      if (problem) notes.push(`district: skipped — ${problem} (set DATABASE_URL and REDIS_URL)`);
      else {
        const measured = await district({ meetings: sizes.meetings, processes: sizes.processes, onProgress: (f, d) => progress.update(f, d) });
        result.district = {
          meetings: measured.meetings,
          members: measured.members,
          observers: measured.observers,
          p99_ms: round(measured.p99_ms),
          floor_p99_ms: round(measured.floor_p99_ms),
          ack_p99_ms: round(measured.ack_p99_ms),
          lost: measured.lost,
          duplicated: measured.duplicated,
        };
        extra["district p50 ms (floor)"] = `${round(measured.p50_ms)} (${round(measured.floor_p50_ms)})`;
        extra["district votes"] = measured.votes;
        extra["district states per observer and motion (floor)"] = `${round(measured.states_per_observer)} (${round(measured.floor_states_per_observer)})`;
        extra["district floor ack p99 ms"] = round(measured.floor_ack_p99_ms);
        extra["district payload bytes"] = measured.payload_bytes;
        const c = measured.cpu;
        const f = measured.floor_cpu;
        extra["district CPU s over the rounds: nodes, PostgreSQL, phones / wall (floor: nodes, phones / wall)"] =
          `${round(c.nodes_s)}, ${round(c.postgres_s)}, ${round(c.clients_s)} / ${round(c.wall_s)} (${round(f.nodes_s)}, ${round(f.clients_s)} / ${round(f.wall_s)})`;
        if (measured.missing_deliveries > 0) notes.push(`district: ${measured.missing_deliveries} vote × observer deliveries missing`);
        if (measured.floor_missing_deliveries > 0) notes.push(`district floor: ${measured.floor_missing_deliveries} deliveries missing`);
        for (const [code, n] of Object.entries(measured.refused)) notes.push(`district: ${n} votes refused (${code})`);
      }
    });
  progress.finish();

  extra["stages (s)"] = progress.seconds.map(([name, s]) => `${name} ${s}`).join(", ");
  printTable(result, extra, notes, quick);
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten: ${path.relative(process.cwd(), path.join(dir, "latest.json"))}`);
  // A scenario that failed may leave a handle open (a server that did not start in time keeps its child): end here.
  process.exit(0);
}

/** A scenario that fails (a server that did not start in time on a loaded machine…) leaves a note; the others run. */
async function stage(name: string, notes: string[], fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    notes.push(`${name}: failed — ${((error as Error)?.message ?? String(error)).split("\n")[0]}`);
  }
}

/** Waits for the server's "routes loaded" line (its warm-up after listening), at most `ms`. */
async function warmedUp(output: () => string, ms: number, notes: string[]): Promise<void> {
  const deadline = Date.now() + ms;
  while (!output().includes("routes loaded")) {
    if (Date.now() > deadline) {
      notes.push(`server: its warm-up had not finished after ${ms / 1_000} s; memory per observer may include it`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The scenarios against a running Yishi server: fan-out, its baseline, memory per observer, the burst. */
async function live(result: BenchResult, notes: string[], extra: Record<string, string | number>): Promise<void> {
  progress.start("data");
  const fixture = await prepareFixture(sizes.voters, (f, d) => progress.update(f, d));
  progress.start("server");
  let server: TestServer | undefined = await startServer({
    dataDir: fixture.target.dataDir,
    databaseUrl: fixture.target.databaseUrl ?? null,
    reuseDatabase: true,
    env: { YISHI_DEMO: "0", YISHI_LOG_LEVEL: serverLogLevel, NODE_OPTIONS: "--inspect=127.0.0.1:0" },
  });
  const pool = await ClientPool.start(sizes.processes);
  const phones: Phone[] = [];
  try {
    // The server loads the hall's first pages a few seconds after listening (server/web/warmUp.ts): tens of MB of
    // route modules. Measured before they are in, the memory per observer would count them as the observers'.
    if (["info", "debug", "trace"].includes(serverLogLevel)) await warmedUp(server.output, 90_000, notes);
    else await new Promise((resolve) => setTimeout(resolve, 20_000));
    progress.start("logins");
    const cookies = await sessionCookies(fixture, server.url, (f, d) => progress.update(f, d));
    const bigChair = await phone(server.url, cookies.bigChair);
    const smallChair = await phone(server.url, cookies.smallChair);
    phones.push(bigChair, smallChair);

    progress.start("fanout");
    if (!skip.has("fanout")) {
      const measured = await fanout({
        pool,
        url: server.url,
        serverPid: server.process.pid ?? 0,
        serverOutput: server.output,
        meetingId: fixture.small.meetingId,
        chair: smallChair,
        personId: fixture.small.voters[0]?.personId ?? "",
        observers: sizes.observers,
        rounds: sizes.rounds,
        gapMs: sizes.gapMs,
        onProgress: (f, d) => progress.update(f, d),
      });
      const { yishi, baseline } = measured;
      result.fanout = { observers: yishi.observers, p99_ms: round(yishi.p99_ms), baseline_p99_ms: round(baseline.p99_ms) };
      // Resident memory can grow less than the objects added (V8 reuses pages it kept after a GC): the figure is the
      // larger of the RSS growth and the heap + external growth, per observer.
      result.rss_per_observer_kb = round(Math.max(yishi.rss_per_observer_kb, Number.isNaN(yishi.heap_per_observer_kb) ? 0 : yishi.heap_per_observer_kb));
      extra["rss growth per observer KB"] = round(yishi.rss_per_observer_kb);
      extra["fanout p50 ms"] = round(yishi.p50_ms);
      extra["baseline p50 ms"] = round(baseline.p50_ms);
      extra["fanout p99 from the chair's click ms"] = round(yishi.p99_from_click_ms);
      extra["baseline p99 from the trigger ms"] = round(baseline.p99_from_click_ms);
      extra["payload bytes"] = measured.payload_bytes;
      extra["heap+external per observer KB"] = round(yishi.heap_per_observer_kb);
      extra["baseline rss per client KB"] = round(baseline.rss_per_observer_kb);
      // The floor is measured the same way as Yishi's figure: the larger of RSS and heap + external growth.
      result.rss_per_observer_floor_kb = round(
        Math.max(baseline.rss_per_observer_kb, Number.isNaN(baseline.heap_per_observer_kb) ? 0 : baseline.heap_per_observer_kb),
      );
      extra["baseline heap+external per client KB"] = round(baseline.heap_per_observer_kb);
      if (yishi.missing > 0) notes.push(`fanout: ${yishi.missing} deliveries missing`);
      if (baseline.missing > 0) notes.push(`baseline: ${baseline.missing} deliveries missing`);
    } else notes.push("fanout: skipped (--skip)");

    progress.start("burst");
    if (!skip.has("burst")) {
      const run = await burst({
        pool,
        url: server.url,
        meetingId: fixture.big.meetingId,
        chair: bigChair,
        cookies: cookies.voters,
        onProgress: (f, d) => progress.update(f, d),
      });
      result.burst.all_acked_ms = round(run.all_acked_ms, 0);
      extra["burst p50 ack ms"] = round(run.p50_ack_ms, 0);
      extra["burst retries"] = run.retries;
      for (const [code, n] of Object.entries(run.refused)) notes.push(`burst: ${n} votes refused (${code})`);
      for (const p of phones) p.close();
      phones.length = 0;
      progress.start("check");
      // PGlite has one owner: stop the server before reading its database.
      await server.stop();
      server = undefined;
      const checked = await checkBurst(
        fixture.target,
        fixture.big.orgId,
        fixture.big.meetingId,
        fixture.big.voters.map((v) => v.personId),
        run,
      );
      result.burst.lost = checked.lost;
      result.burst.duplicated = checked.duplicated;
      progress.update(0.5, "the floor: the same rows by a bare script");
      const floor = await burstFloor(
        fixture.target,
        run,
        fixture.big.voters.map((v) => v.personId),
      );
      result.burst.floor_ms = round(floor.floor_ms, 0);
      extra["burst floor batches"] = floor.batches;
      if (floor.lost > 0 || floor.duplicated > 0) notes.push(`burst floor: ${floor.lost} lost, ${floor.duplicated} duplicated (the floor script is wrong)`);
    } else notes.push("burst: skipped (--skip)");
  } finally {
    for (const p of phones) p.close();
    await pool.stop();
    await server?.stop();
  }
}

/** The minutes engineer's benchmark, when it is there. */
async function minutes(result: BenchResult, notes: string[]): Promise<void> {
  const file = path.join(import.meta.dirname, "minutes.ts");
  if (!existsSync(file)) {
    notes.push("minutes: missing (bench/minutes.ts not found)");
    return;
  }
  const mod = (await import("./minutes")) as { run?: (o: { editors?: number; seconds?: number }) => Promise<{ editors: number; p99_ms: number }> };
  if (typeof mod.run !== "function") {
    notes.push("minutes: bench/minutes.ts has no run()");
    return;
  }
  const measured = await mod.run({ editors: sizes.editors, seconds: sizes.minutesSeconds });
  result.minutes = { editors: measured.editors, p99_ms: round(measured.p99_ms) };
}

main().catch((error: unknown) => {
  progress.finish();
  console.error(`bench failed: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});
