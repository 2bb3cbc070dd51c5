/** The benchmark's result (exactly the fields of bench/results/latest.json) and its table. */
export type BenchResult = {
  fanout: { observers: number; p99_ms: number | null; baseline_p99_ms: number | null };
  burst: { voters: number; db: "pglite" | "postgres"; all_acked_ms: number | null; lost: number | null; duplicated: number | null };
  minutes: { editors: number; p99_ms: number | null };
  audit_verify: { entries: number; ms: number | null };
  rss_per_observer_kb: number | null;
};

type Row = { scenario: string; measured: string; goal: string; met: string };

const show = (value: number | null, unit = "") => (value === null || Number.isNaN(value) ? "—" : `${value.toLocaleString("en-US")}${unit}`);
const verdict = (ok: boolean | null) => (ok === null ? "—" : ok ? "yes" : "NO");

export function tableRows(r: BenchResult): Row[] {
  const ratio = r.fanout.p99_ms !== null && r.fanout.baseline_p99_ms ? r.fanout.p99_ms / r.fanout.baseline_p99_ms : null;
  const burstGoal = r.burst.db === "postgres" ? 1_000 : 2_000;
  return [
    {
      scenario: `fan-out to ${r.fanout.observers.toLocaleString("en-US")} observers, p99`,
      measured: `${show(r.fanout.p99_ms, " ms")} (raw Socket.IO ${show(r.fanout.baseline_p99_ms, " ms")}, ×${ratio === null ? "—" : ratio.toFixed(2)})`,
      goal: "≤ 1.25 × raw",
      met: verdict(ratio === null ? null : ratio <= 1.25),
    },
    {
      scenario: `${r.burst.voters.toLocaleString("en-US")} voters at once (${r.burst.db}), all acknowledged`,
      measured: `${show(r.burst.all_acked_ms, " ms")}, lost ${show(r.burst.lost)}, duplicated ${show(r.burst.duplicated)}`,
      goal: `≤ ${burstGoal.toLocaleString("en-US")} ms, 0 lost, 0 duplicated`,
      met: verdict(r.burst.all_acked_ms === null ? null : r.burst.all_acked_ms <= burstGoal && r.burst.lost === 0 && r.burst.duplicated === 0),
    },
    {
      scenario: `minutes, ${r.minutes.editors} editors, p99`,
      measured: show(r.minutes.p99_ms, " ms"),
      goal: "≤ 50 ms",
      met: verdict(r.minutes.p99_ms === null ? null : r.minutes.p99_ms <= 50),
    },
    {
      scenario: `verify ${r.audit_verify.entries.toLocaleString("en-US")} audit entries`,
      measured: show(r.audit_verify.ms, " ms"),
      // The goal is for a million entries; a smaller run (--quick) only shows the time.
      goal: "≤ 10,000 ms for 1,000,000",
      met: r.audit_verify.entries < 1_000_000 ? "n/a" : verdict(r.audit_verify.ms === null ? null : r.audit_verify.ms <= 10_000),
    },
    {
      scenario: "memory per observer connection",
      measured: show(r.rss_per_observer_kb, " KB"),
      goal: "≤ 40 KB",
      met: verdict(r.rss_per_observer_kb === null ? null : r.rss_per_observer_kb <= 40),
    },
  ];
}

/** Markdown, so that the README can quote it as printed. */
export function printTable(r: BenchResult, extra: Record<string, string | number>, notes: string[], quick: boolean): void {
  const rows = tableRows(r);
  const head: Row = { scenario: "scenario", measured: "measured", goal: "goal", met: "met" };
  const widths = (Object.keys(head) as (keyof Row)[]).map((k) => Math.max(...[head, ...rows].map((row) => [...row[k]].length)));
  const line = (row: Row) =>
    `| ${(Object.keys(head) as (keyof Row)[]).map((k, i) => row[k] + " ".repeat((widths[i] ?? 0) - [...row[k]].length)).join(" | ")} |`;
  console.log(`\nYishi benchmark${quick ? " (--quick)" : ""} — ${new Date().toISOString()}\n`);
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
