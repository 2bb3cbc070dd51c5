import { loadavg } from "node:os";

/** The benchmark's result (exactly the fields of bench/results/latest.json) and its table. */
export type BenchResult = {
  fanout: { observers: number; p99_ms: number | null; baseline_p99_ms: number | null };
  /** floor_ms: the same rows written by a bare script in the same batches, same database (bench/lib/burstFloor.ts). */
  burst: { voters: number; db: "pglite" | "postgres"; all_acked_ms: number | null; floor_ms: number | null; lost: number | null; duplicated: number | null };
  minutes: { editors: number; p99_ms: number | null };
  /** floor_ms: hashing the same entries.jsonl with node:crypto in one process (bench/lib/hashFloor.ts). */
  audit_verify: { entries: number; ms: number | null; floor_ms: number | null };
  rss_per_observer_kb: number | null;
  /** The same figure for a bare Socket.IO client (bench/lib/baselineServer.ts), same run. */
  rss_per_observer_floor_kb: number | null;
  /** Median spawn → /api/health 200 and a meeting:join answered; floor: the minimal server (bench/lib/minimalServer.ts). */
  restart: { ms: number | null; floor_ms: number | null; command: string; load: number | null; postgres_ms?: number | null };
  /**
   * Resident memory a few seconds after that start (Yishi with the demo), and the minimal server's. `postgres_*`: the
   * same start on PostgreSQL in the same rounds — the app without its embedded database (PostgreSQL's memory not counted).
   */
  rss_idle: { mb: number | null; floor_mb: number | null; postgres_mb?: number | null };
  /** A running meeting for `minutes` (bench/soak.ts): least-squares slope of the RSS after a full GC, MB per hour. */
  soak: { minutes: number; slope_mb_per_h: number | null; rss_start_mb: number | null; rss_end_mb: number | null };
  /** M meetings across two nodes on PostgreSQL + Redis (bench/lib/district.ts); floor: bare Socket.IO, two nodes. */
  district: {
    meetings: number;
    members: number;
    observers: number;
    p99_ms: number | null;
    floor_p99_ms: number | null;
    ack_p99_ms: number | null;
    lost: number | null;
    duplicated: number | null;
  };
};

type Row = { scenario: string; measured: string; floor: string; ratio: string; goal: string; met: string };

const show = (value: number | null, unit = "") => (value === null || Number.isNaN(value) ? "—" : `${value.toLocaleString("en-US")}${unit}`);
const verdict = (ok: boolean | null) => (ok === null ? "—" : ok ? "yes" : "NO");
const ratioOf = (value: number | null, floor: number | null) => (value === null || floor === null || !(floor > 0) ? null : value / floor);
const showRatio = (ratio: number | null) => (ratio === null ? "—" : `×${ratio.toFixed(2)}`);

export function tableRows(r: BenchResult): Row[] {
  const fanoutRatio = ratioOf(r.fanout.p99_ms, r.fanout.baseline_p99_ms);
  const burstRatio = ratioOf(r.burst.all_acked_ms, r.burst.floor_ms);
  const restartRatio = ratioOf(r.restart.ms, r.restart.floor_ms);
  const rssRatio = ratioOf(r.rss_idle.mb, r.rss_idle.floor_mb);
  const observerRatio = ratioOf(r.rss_per_observer_kb, r.rss_per_observer_floor_kb);
  const verifyRatio = ratioOf(r.audit_verify.ms, r.audit_verify.floor_ms);
  const districtRatio = ratioOf(r.district.p99_ms, r.district.floor_p99_ms);
  return [
    {
      scenario: `restart to /api/health 200 + a join answered (median, load ${show(r.restart.load)})`,
      measured: show(r.restart.ms, " ms"),
      floor: `${show(r.restart.floor_ms, " ms")} (Next + Socket.IO, no app)`,
      ratio: showRatio(restartRatio),
      goal: "≤ 1.5 × floor, ≤ 2,000 ms idle",
      met: verdict(restartRatio === null || r.restart.ms === null ? null : restartRatio <= 1.5 && r.restart.ms <= 2_000),
    },
    {
      scenario: "idle memory after a restart, demo on",
      measured: show(r.rss_idle.mb, " MB"),
      floor: `${show(r.rss_idle.floor_mb, " MB")} (same minimal server)`,
      ratio: showRatio(rssRatio),
      goal: "≤ 1.5 × floor",
      met: verdict(rssRatio === null ? null : rssRatio <= 1.5),
    },
    {
      scenario: "the same restart on PostgreSQL (no embedded database; its server's memory not counted)",
      measured: `${show(r.restart.postgres_ms ?? null, " ms")}, ${show(r.rss_idle.postgres_mb ?? null, " MB")}`,
      floor: `${show(r.restart.floor_ms, " ms")}, ${show(r.rss_idle.floor_mb, " MB")}`,
      ratio: `${showRatio(ratioOf(r.restart.postgres_ms ?? null, r.restart.floor_ms))}, ${showRatio(ratioOf(r.rss_idle.postgres_mb ?? null, r.rss_idle.floor_mb))}`,
      goal: "— (shows what PGlite adds)",
      met: "—",
    },
    {
      scenario: `fan-out to ${r.fanout.observers.toLocaleString("en-US")} observers, p99`,
      measured: show(r.fanout.p99_ms, " ms"),
      floor: `${show(r.fanout.baseline_p99_ms, " ms")} (raw Socket.IO)`,
      ratio: showRatio(fanoutRatio),
      goal: "≤ 1.25 × floor",
      met: verdict(fanoutRatio === null ? null : fanoutRatio <= 1.25),
    },
    {
      scenario: "memory per observer connection",
      measured: show(r.rss_per_observer_kb, " KB"),
      floor: `${show(r.rss_per_observer_floor_kb, " KB")} (bare Socket.IO client)`,
      ratio: showRatio(observerRatio),
      goal: "≤ 1.25 × floor",
      met: verdict(observerRatio === null ? null : observerRatio <= 1.25),
    },
    {
      scenario: `${r.burst.voters.toLocaleString("en-US")} voters at once (${r.burst.db}), all acknowledged`,
      measured: `${show(r.burst.all_acked_ms, " ms")}, lost ${show(r.burst.lost)}, duplicated ${show(r.burst.duplicated)}`,
      floor: `${show(r.burst.floor_ms, " ms")} (same rows, bare script)`,
      ratio: showRatio(burstRatio),
      goal: "≤ 2 × floor, 0 lost, 0 duplicated",
      met: verdict(burstRatio === null ? null : burstRatio <= 2 && r.burst.lost === 0 && r.burst.duplicated === 0),
    },
    {
      scenario: `minutes, ${r.minutes.editors} editors, p99`,
      measured: show(r.minutes.p99_ms, " ms"),
      floor: "—",
      ratio: "—",
      goal: "≤ 50 ms",
      met: verdict(r.minutes.p99_ms === null ? null : r.minutes.p99_ms <= 50),
    },
    {
      scenario: `verify ${r.audit_verify.entries.toLocaleString("en-US")} audit entries`,
      measured: show(r.audit_verify.ms, " ms"),
      floor: `${show(r.audit_verify.floor_ms, " ms")} (node:crypto, one process)`,
      ratio: showRatio(verifyRatio),
      goal: "≤ 3 × floor",
      met: verdict(verifyRatio === null ? null : verifyRatio <= 3),
    },
    {
      scenario: `soak: a running meeting for ${r.soak.minutes} min, RSS after GC`,
      measured:
        r.soak.slope_mb_per_h === null ? "—" : `${show(r.soak.slope_mb_per_h, " MB/h")} (${show(r.soak.rss_start_mb)} → ${show(r.soak.rss_end_mb, " MB")})`,
      floor: "—",
      ratio: "—",
      goal: "no growth (slope ≈ 0)",
      met: "—",
    },
    {
      scenario: `district: ${r.district.meetings} meetings × (${r.district.members} members + ${r.district.observers} observers), 2 nodes, commit → observers p99`,
      measured: show(r.district.p99_ms, " ms"),
      floor: `${show(r.district.floor_p99_ms, " ms")} (bare Socket.IO, 2 nodes + Redis)`,
      ratio: showRatio(districtRatio),
      goal: "≤ 1.5 × floor",
      met: verdict(districtRatio === null ? null : districtRatio <= 1.5),
    },
    {
      scenario: "district: every vote acknowledged, p99",
      measured: `${show(r.district.ack_p99_ms, " ms")}, lost ${show(r.district.lost)}, duplicated ${show(r.district.duplicated)}`,
      floor: "—",
      ratio: "—",
      goal: "≤ 1,000 ms, 0 lost, 0 duplicated",
      met: verdict(r.district.ack_p99_ms === null ? null : r.district.ack_p99_ms <= 1_000 && r.district.lost === 0 && r.district.duplicated === 0),
    },
  ];
}

/** Markdown, so that the README can quote it as printed. */
export function printTable(r: BenchResult, extra: Record<string, string | number>, notes: string[], quick: boolean): void {
  const rows = tableRows(r);
  const head: Row = { scenario: "scenario", measured: "measured", floor: "floor", ratio: "ratio", goal: "goal", met: "met" };
  const widths = (Object.keys(head) as (keyof Row)[]).map((k) => Math.max(...[head, ...rows].map((row) => [...row[k]].length)));
  const line = (row: Row) =>
    `| ${(Object.keys(head) as (keyof Row)[]).map((k, i) => row[k] + " ".repeat((widths[i] ?? 0) - [...row[k]].length)).join(" | ")} |`;
  console.log(
    `\nYishi benchmark${quick ? " (--quick)" : ""} — ${new Date().toISOString()} — load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  console.log(line(head));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const row of rows) console.log(line(row));
  if (Object.keys(extra).length > 0)
    console.log(
      `\n${Object.entries(extra)
        .map(([k, v]) => `${k}: ${v}`)
        .join(" · ")}`,
    );
  for (const note of notes) console.log(`note: ${note}`);
}
