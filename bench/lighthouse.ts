/**
 * `npm run bench:lighthouse` (issue #11): Lighthouse 12.2.3, its default mobile profile (Moto G Power, simulated
 * slow 4G and 4× CPU), on the two pages residents and members open on their phones during a meeting:
 *
 *   - observer: the public live page (no login), as the projector's short link opens it;
 *   - vote:     the same page as a logged-in member (13800000004) while a named vote is open;
 *   - vote (长辈版): the same with the elder-mode cookie set (the member's one-tap larger view);
 *   - certificate: a decision certificate's public page /c/<ID> (issue #23), found from the demo's public notices. Its
 *     runs use Lighthouse's mobile profile with the CPU slowdown applied for real (`throttlingMethod: "devtools"`), so
 *     the page's own measure of its in-browser verification ("yishi:certificate-verify", a user timing) is taken on a
 *     CPU four times slower than this machine's; the budget is ≤ 1 s and ≤ 200 kB of JavaScript.
 *
 * It builds the app if needed, starts the built server on port 0 with a fresh PGlite directory and the demo village,
 * opens meeting 2026年第4次 with ten present and a named vote, then runs Lighthouse `--runs` times per page (default 3),
 * each in a fresh Debian Chromium, and prints the medians. Results go to bench/results/lighthouse.json.
 * A benchmark: never part of `npm test`, never a pass or fail.
 *
 *   npx tsx bench/lighthouse.ts [--runs N] [--reports DIR]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { buildIfNeeded } from "../scripts/buildIfNeeded.mjs";
import { login } from "../server/testing/http";
import { liveClient } from "../server/testing/liveClient";
import { startServer } from "../server/testing/server";
import { round } from "./lib/stats";

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
// The flags of the e2e runs (DESIGN.md §1), plus the new headless mode Lighthouse expects.
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const PASSWORD = "yishi-demo";
const MEETING_NUMBER = "2026年第4次";
const TARGETS = { performance: 0.9, accessibility: 0.95, observerFirstLoadJsKbGzip: 150 };

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = Math.max(1, runsAt >= 0 ? Number(args[runsAt + 1]) : 3);
// --reports DIR keeps each run's full Lighthouse report (JSON), for finding what a figure comes from.
const reportsAt = args.indexOf("--reports");
const REPORTS = reportsAt >= 0 ? args[reportsAt + 1] : undefined;

type PageName = "observer" | "vote" | "vote (长辈版)" | "certificate";
type Script = { url: string; transferBytes: number; encoding: string | null; gzipBytes: number };
type Run = {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Lighthouse's transfer sizes of every request of resource type Script (compressed bytes + headers). */
  jsTransferredBytes: number;
  scripts: Script[];
  /** The certificate page's own measure of its check (user timing), and when it ended after navigation start. */
  verifyMs?: number;
  verifiedAtMs?: number;
};

type NetworkItem = { url: string; resourceType?: string; transferSize?: number };

/** The meeting's chair opens it, marks ten of fifteen present (VCOL 26), starts the first item and opens a named vote. */
async function openVote(baseUrl: string): Promise<string> {
  const chairCookie = await login(baseUrl, "13800000002", PASSWORD);
  if (!chairCookie) throw new Error("chair login failed");
  const meetings = (await (await fetch(`${baseUrl}/api/meetings`, { headers: { cookie: chairCookie } })).json()) as { data: { id: string; number: string }[] };
  const meetingId = meetings.data.find((m) => m.number === MEETING_NUMBER)?.id;
  if (!meetingId) throw new Error(`demo meeting ${MEETING_NUMBER} not found`);
  const chair = await liveClient(baseUrl, chairCookie);
  try {
    const call = async <T>(event: string, payload: Record<string, unknown> = {}): Promise<T> => {
      const reply = await chair.call<T>(event, { meetingId, ...payload });
      if (!reply.ok) throw new Error(`${event}: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    };
    await call("meeting:open");
    const joined = await call<{ view: { roster: { personId: string }[] } }>("meeting:join");
    for (const person of joined.view.roster.slice(0, 10)) await call("meeting:attendance", { personId: person.personId, status: "present_in_person" });
    await call("meeting:startItem");
    await call("vote:open", { text: "同意村容村貌整治经费使用方案", method: "named", matterKind: "general" });
  } finally {
    chair.close();
  }
  return meetingId;
}

/** The body of each script as the server sends it, and its size gzipped here (level 6), whatever the server did. */
async function measureScripts(items: NetworkItem[], cookie: string | undefined): Promise<Script[]> {
  const scripts = items.filter((item) => item.resourceType === "Script" && item.url.startsWith("http"));
  return Promise.all(
    scripts.map(async (item) => {
      const response = await fetch(item.url, { headers: { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) } });
      // fetch undoes the content encoding: the body is the script itself.
      const body = Buffer.from(await response.arrayBuffer());
      return {
        url: new URL(item.url).pathname,
        transferBytes: item.transferSize ?? 0,
        encoding: response.headers.get("content-encoding"),
        gzipBytes: gzipSync(body, { level: 6 }).length,
      };
    }),
  );
}

/**
 * A decision certificate's short ID, found as a resident finds one: the public notices (/n), an organization's list,
 * a decision notice that carries the certificate's badge.
 */
async function certificateCode(baseUrl: string): Promise<string> {
  const html = async (url: string) => (await fetch(new URL(url, baseUrl))).text();
  const links = (page: string, prefix: string) =>
    [...new Set([...page.matchAll(/href="(\/n\/[^"#?]+)"/g)].map((m) => m[1] as string))].filter((l) => l.startsWith(prefix));
  for (const org of links(await html("/n"), "/n/")) {
    for (const notice of [org, ...links(await html(org), org)]) {
      const code = /data-certificate-code="([0-9a-z]{8})"/.exec(await html(notice))?.[1];
      if (code) return code;
    }
  }
  throw new Error("no decision certificate found on the demo's public notices");
}

type UserTiming = { name: string; timingType?: string; startTime?: number; duration?: number };

async function lighthouseRun(url: string, cookie: string | undefined, reportName: string, realCpuSlowdown = false): Promise<Run> {
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: "error" });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      ...(realCpuSlowdown ? { throttlingMethod: "devtools" as const } : {}),
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (REPORTS) {
      mkdirSync(REPORTS, { recursive: true });
      writeFileSync(path.join(REPORTS, `${reportName}.json`), JSON.stringify(lhr));
    }
    const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const details = lhr.audits["network-requests"]?.details;
    const items = (details && "items" in details ? details.items : []) as NetworkItem[];
    const scripts = await measureScripts(items, cookie);
    const timings = lhr.audits["user-timings"]?.details;
    const verify = ((timings && "items" in timings ? timings.items : []) as UserTiming[]).find(
      (t) => t.name === "yishi:certificate-verify" && t.timingType === "Measure",
    );
    return {
      ...(verify ? { verifyMs: verify.duration ?? Number.NaN, verifiedAtMs: (verify.startTime ?? Number.NaN) + (verify.duration ?? 0) } : {}),
      performance: lhr.categories.performance?.score ?? Number.NaN,
      accessibility: lhr.categories.accessibility?.score ?? Number.NaN,
      fcpMs: numeric("first-contentful-paint"),
      lcpMs: numeric("largest-contentful-paint"),
      tbtMs: numeric("total-blocking-time"),
      cls: numeric("cumulative-layout-shift"),
      jsTransferredBytes: scripts.reduce((sum, s) => sum + s.transferBytes, 0),
      scripts,
    };
  } finally {
    chrome.kill();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function summary(runs: Run[]) {
  const m = (pick: (r: Run) => number) => median(runs.map(pick));
  const first = runs[0];
  return {
    performance: round(
      m((r) => r.performance),
      2,
    ),
    accessibility: round(
      m((r) => r.accessibility),
      2,
    ),
    fcp_ms: Math.round(m((r) => r.fcpMs)),
    lcp_ms: Math.round(m((r) => r.lcpMs)),
    tbt_ms: Math.round(m((r) => r.tbtMs)),
    cls: round(
      m((r) => r.cls),
      3,
    ),
    js_transferred_kb: round(m((r) => r.jsTransferredBytes) / 1024, 1),
    // The same chunks load on every run (content-hashed names): the first run's list stands for all.
    first_load_js_kb_gzip: round((first?.scripts ?? []).reduce((sum, s) => sum + s.gzipBytes, 0) / 1024, 1),
    scripts: first?.scripts.length ?? 0,
    ...(runs.some((r) => r.verifyMs !== undefined)
      ? {
          verify_ms: round(
            m((r) => r.verifyMs ?? Number.NaN),
            1,
          ),
          verified_at_ms: Math.round(m((r) => r.verifiedAtMs ?? Number.NaN)),
        }
      : {}),
    served_compressed: (first?.scripts ?? []).every((s) => s.encoding === "gzip" || s.encoding === "br"),
  };
}

/** Terminal columns: a CJK character takes two. */
const columns = (text: string) => [...text].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

function printTable(rows: { page: string; s: ReturnType<typeof summary> }[]): void {
  const head = ["page", "performance", "accessibility", "FCP", "LCP", "TBT", "CLS", "JS transferred", "first-load JS (gzip)"];
  const body = rows.map(({ page, s }) => [
    page,
    s.performance.toFixed(2),
    s.accessibility.toFixed(2),
    `${s.fcp_ms} ms`,
    `${s.lcp_ms} ms`,
    `${s.tbt_ms} ms`,
    s.cls.toFixed(3),
    `${s.js_transferred_kb} kB`,
    `${s.first_load_js_kb_gzip} kB`,
  ]);
  const widths = head.map((_h, i) => Math.max(...[head, ...body].map((row) => columns(row[i] ?? ""))));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - columns(cell))).join(" | ")} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const row of body) console.log(line(row));
}

async function main(): Promise<void> {
  buildIfNeeded({ quiet: true });
  const server = await startServer({ env: { YISHI_LOG_LEVEL: "warn" } });
  try {
    const meetingId = await openVote(server.url);
    const memberCookie = await login(server.url, "13800000004", PASSWORD);
    if (!memberCookie) throw new Error("member login failed");
    const livePage = `${server.url}/meetings/${meetingId}/live`;
    const certificatePage = `${server.url}/c/${await certificateCode(server.url)}`;
    const pages: { name: PageName; slug: string; url: string; cookie: string | undefined; realCpu?: boolean }[] = [
      { name: "observer", slug: "observer", url: livePage, cookie: undefined },
      { name: "vote", slug: "vote", url: livePage, cookie: memberCookie },
      { name: "vote (长辈版)", slug: "vote-elder", url: livePage, cookie: `${memberCookie}; yishi_elder=1` },
      { name: "certificate", slug: "certificate", url: certificatePage, cookie: undefined, realCpu: true },
    ];
    const runs = new Map<PageName, Run[]>(pages.map((p) => [p.name, []]));
    // Round-robin, so that the machine's load of the moment falls on every page alike.
    for (let i = 0; i < RUNS; i += 1) {
      for (const page of pages) {
        const run = await lighthouseRun(page.url, page.cookie, `${page.slug}-${i + 1}`, page.realCpu);
        runs.get(page.name)?.push(run);
        console.log(
          `run ${i + 1}/${RUNS} ${page.name}: performance ${run.performance}, accessibility ${run.accessibility}, LCP ${Math.round(run.lcpMs)} ms, TBT ${Math.round(run.tbtMs)} ms` +
            (run.verifyMs !== undefined
              ? `, verification ${run.verifyMs.toFixed(1)} ms (done ${Math.round(run.verifiedAtMs ?? 0)} ms after navigation start)`
              : ""),
        );
      }
    }
    const rows = pages.map((p) => ({ page: p.name, s: summary(runs.get(p.name) ?? []) }));
    const chromium = execFileSync(CHROMIUM, ["--version"], { encoding: "utf8" }).trim();
    const cpus = os.cpus();
    console.log(`\nLighthouse 12.2.3, mobile (default config), ${chromium}; median of ${RUNS} runs — ${new Date().toISOString()}`);
    console.log(
      `machine: ${cpus.length} × ${cpus[0]?.model ?? "?"}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}\n`,
    );
    printTable(rows);
    const observer = rows.find((r) => r.page === "observer")?.s;
    console.log(
      `\ntargets: performance ≥ ${TARGETS.performance}, accessibility ≥ ${TARGETS.accessibility} on each page; observer first-load JS ≤ ${TARGETS.observerFirstLoadJsKbGzip} kB gzip (now ${observer?.first_load_js_kb_gzip} kB)`,
    );
    const certificate = rows.find((r) => r.page === "certificate")?.s;
    console.log(
      `certificate page (real 4× CPU slowdown): verification ${certificate?.verify_ms} ms (budget ≤ 1,000 ms), done ${certificate?.verified_at_ms} ms after navigation start; first-load JS ${certificate?.first_load_js_kb_gzip} kB gzip (budget ≤ 200 kB)`,
    );
    console.log("first-load JS: every request of resource type Script on the observer page's load, each body gzipped (level 6) and summed;");
    console.log(
      `  the server ${observer?.served_compressed ? "sent them all compressed" : "did NOT send them all compressed"} (JS transferred is what the browser downloaded).`,
    );
    const out = path.join(import.meta.dirname, "results", "lighthouse.json");
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          lighthouse: "12.2.3",
          config:
            "default (mobile: Moto G Power, simulated slow 4G, 4× CPU slowdown); the certificate page with throttlingMethod devtools (the slowdown applied)",
          chromium,
          machine: { cpus: cpus.length, model: cpus[0]?.model ?? null, loadavg: os.loadavg().map((l) => round(l, 2)) },
          runs: RUNS,
          targets: TARGETS,
          pages: Object.fromEntries(
            rows.map((r) => [r.page, { ...r.s, runs: (runs.get(r.page as PageName) ?? []).map(({ scripts: _scripts, ...rest }) => rest) }]),
          ),
          observer_scripts: runs.get("observer")?.[0]?.scripts ?? [],
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\nwritten ${path.relative(process.cwd(), out)}`);
  } finally {
    await server.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
