/**
 * Soak (issue #24 goal 2): a meeting that keeps running — members voting, observers watching, the chair opening,
 * closing and announcing votes and marking attendance, the minutes being typed — for N minutes against one Yishi
 * server started with --inspect. Every 30 s a full garbage collection is requested over the DevTools protocol and the
 * server's RSS and heap read; the slope (MB per hour) is a least-squares fit over those samples. "No growth" is a
 * slope near zero; what a slope means is for a person to judge (benchmarks never decide a test).
 *
 *   npm run bench:soak                      30 minutes (writes bench/results/soak.json)
 *   npm run bench:soak -- --minutes 5       any length; --sample-seconds N (30)
 *
 * The data is the bench's (bench/lib/fixture.ts, a 30-member 成员大会 in session, built once with the real commands).
 * `npm run bench` runs a short soak of its own (see bench/README.md).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildIfNeeded } from "../scripts/buildIfNeeded.mjs";
import { type Phone, phone, phones } from "../server/faults/clients";
import { sectionName } from "../server/minutes/sections";
import { addParagraph, type MinutesClient, minutesClient, typeInParagraph } from "../server/minutes/testClient";
import { startServer } from "../server/testing/server";
import { prepareFixture, sessionCookies } from "./lib/fixture";
import { inspectorUrl, settledMemory } from "./lib/inspector";
import { round, sleep } from "./lib/stats";

export type SoakSample = { at_s: number; rss_mb: number; heap_mb: number };
export type SoakResult = {
  minutes: number;
  /** Least-squares slope of the RSS after a full GC, MB per hour. */
  slope_mb_per_h: number;
  /** The same for the JS heap + external buffers. */
  heap_slope_mb_per_h: number;
  rss_start_mb: number;
  rss_end_mb: number;
  samples: SoakSample[];
  votes: number;
  motions: number;
  observer_states: number;
  /** Votes that got no acknowledgement (a connection dropped under load); the next motion goes on. */
  failed_votes: number;
  keystrokes: number;
  load: number;
  at: string;
};

const OBSERVERS = 30;
const MEMBERS = 30;

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

export async function soak(options: { minutes: number; sampleSeconds?: number; onProgress?: (fraction: number, detail: string) => void }): Promise<SoakResult> {
  const sampleMs = (options.sampleSeconds ?? 30) * 1_000;
  const report = options.onProgress ?? (() => undefined);
  report(0, "data");
  const fixture = await prepareFixture(MEMBERS, (f, d) => report(0.05 * f, d));
  const server = await startServer({
    dataDir: fixture.target.dataDir,
    databaseUrl: fixture.target.databaseUrl ?? null,
    reuseDatabase: true,
    env: { YISHI_DEMO: "0", YISHI_LOG_LEVEL: "warn", NODE_OPTIONS: "--inspect=127.0.0.1:0" },
  });
  const open: { close(): void }[] = [];
  let stop = false;
  const counts = { votes: 0, motions: 0, states: 0, keys: 0, failed: 0 };
  try {
    const cookies = await sessionCookies(fixture, server.url, (f, d) => report(0.05 + 0.03 * f, d));
    const meetingId = fixture.big.meetingId;
    const chair = await phone(server.url, cookies.bigChair);
    open.push(chair);
    const members = await phones(server.url, cookies.voters.slice(0, MEMBERS));
    open.push(...members);
    const observers = await phones(
      server.url,
      Array.from({ length: OBSERVERS }, () => undefined),
    );
    open.push(...observers);
    for (const p of [chair, ...members, ...observers]) {
      const joined = await p.call("meeting:join", { meetingId });
      if (!joined.ok) throw new Error(`join: ${joined.error.code}`);
    }
    // A vote left open by an interrupted soak is closed and announced first, so that the next one can open.
    const joined = await chair.call<{ view: { motion: { id: string; state: string } | null } }>("meeting:join", { meetingId });
    const left = joined.ok ? joined.data.view.motion : null;
    if (left && (left.state === "open" || left.state === "closed")) {
      await chair.call("vote:close", { meetingId, motionId: left.id });
      await chair.call("vote:announce", { meetingId, motionId: left.id });
    }
    for (const o of observers) o.socket.on("meeting:state", () => (counts.states += 1));
    // A phone that lost its connection (a ping missed on a loaded machine) reconnects and joins again, as the page does.
    for (const p of [chair, ...members, ...observers]) p.socket.io.on("reconnect", () => void p.call("meeting:join", { meetingId }).catch(() => undefined));
    const minutes = await minutesClient(server.url, meetingId, cookies.bigChair);
    open.push(minutes);

    const url = inspectorUrl(server.output());
    if (!url) throw new Error("the server has no inspector");
    let failure: unknown = null;
    const failed = (error: unknown) => {
      failure ??= error;
      stop = true;
    };
    const typing = typeMinutes(minutes, counts, () => stop).catch(failed);
    const meeting = runMeeting(chair, members, meetingId, fixture.big.voters[0]?.personId ?? "", counts, () => stop).catch(failed);

    // One cycle of everything before the first sample: the first joins and code paths warm up outside the slope.
    await sleep(Math.min(sampleMs, 15_000));
    const samples: SoakSample[] = [];
    const started = Date.now();
    const endAt = started + options.minutes * 60_000;
    for (;;) {
      const memory = await settledMemory(url);
      samples.push({
        at_s: round((Date.now() - started) / 1_000, 0),
        rss_mb: round(memory.rss / 1024),
        heap_mb: round((memory.heapUsed + memory.external) / 1024),
      });
      const fraction = Math.min(1, (Date.now() - started) / (endAt - started));
      report(0.1 + 0.9 * fraction, `RSS ${round(memory.rss / 1024, 0)} MB, ${counts.votes} votes, ${counts.motions} motions`);
      if (Date.now() >= endAt || failure) break;
      await sleep(Math.min(sampleMs, endAt - Date.now()));
    }
    stop = true;
    await Promise.all([typing, meeting]);
    if (failure) throw failure;
    const perHour = (key: "rss_mb" | "heap_mb") => round(slope(samples.map((s) => ({ x: s.at_s / 3_600, y: s[key] }))), 1);
    return {
      minutes: options.minutes,
      slope_mb_per_h: perHour("rss_mb"),
      heap_slope_mb_per_h: perHour("heap_mb"),
      rss_start_mb: samples[0]?.rss_mb ?? Number.NaN,
      rss_end_mb: samples.at(-1)?.rss_mb ?? Number.NaN,
      samples,
      votes: counts.votes,
      motions: counts.motions,
      observer_states: counts.states,
      failed_votes: counts.failed,
      keystrokes: counts.keys,
      load: round(loadavg()[0] ?? 0, 1),
      at: new Date().toISOString(),
    };
  } finally {
    stop = true;
    for (const o of open) o.close();
    await server.stop();
  }
}

/** A chair's command, sent again (the same payload) when the connection dropped before the answer. */
async function chairCall(chair: Phone, event: string, payload: unknown): Promise<{ ok: boolean; code?: string }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const reply = await chair.call(event, payload, 30_000);
      return reply.ok ? { ok: true } : { ok: false, code: reply.error.code };
    } catch (error) {
      if (attempt >= 4) throw error;
      await sleep(2_000);
    }
  }
}

/** Opens a named vote; after a dropped connection, the vote the first attempt may have opened is taken. */
async function openVote(chair: Phone, meetingId: string, text: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const opened = await chair.call<{ result: { motionId: string } }>("vote:open", { meetingId, text, method: "named", matterKind: "general" }, 30_000);
      if (!opened.ok) throw new Error(`vote:open: ${opened.error.code} ${opened.error.message}`);
      return opened.data.result.motionId;
    } catch (error) {
      if (attempt >= 4 || (error as Error).message.startsWith("vote:open")) throw error;
      await sleep(2_000);
      const joined = await chair.call<{ view: { motion: { id: string; state: string } | null } }>("meeting:join", { meetingId }, 30_000).catch(() => null);
      if (joined?.ok && joined.data.view.motion?.state === "open") return joined.data.view.motion.id;
    }
  }
}

/** The chair's cycle: open a named vote, the members vote over a few seconds, close, announce; an attendance change. */
async function runMeeting(
  chair: Phone,
  members: Phone[],
  meetingId: string,
  personId: string,
  counts: { votes: number; motions: number; failed: number },
  stopped: () => boolean,
): Promise<void> {
  const choices = ["yes", "no", "abstain"] as const;
  let round = 0;
  while (!stopped()) {
    round += 1;
    const motionId = await openVote(chair, meetingId, `持续运行表决 第${round}项`);
    counts.motions += 1;
    await Promise.all(
      members.map(async (m, i) => {
        await sleep(Math.random() * 3_000);
        const reply = await m
          .call("vote:cast", { meetingId, motionId, choice: choices[(i + round) % 3], clientId: `soak-${round}-${i}-${Date.now()}` })
          .catch(() => null);
        if (reply?.ok) counts.votes += 1;
        else counts.failed += 1;
      }),
    );
    const closed = await chairCall(chair, "vote:close", { meetingId, motionId });
    if (!closed.ok) throw new Error(`vote:close: ${closed.code}`);
    await chairCall(chair, "vote:announce", { meetingId, motionId });
    await chairCall(chair, "meeting:attendance", { meetingId, personId, status: round % 2 ? "present_online" : "present_in_person" });
    await sleep(2_000);
  }
}

/** The recorder types about four keys a second; a new paragraph every 80 characters. */
async function typeMinutes(client: MinutesClient, counts: { keys: number }, stopped: () => boolean): Promise<void> {
  const text = "村民代表对集体资产发包方案进行了讨论，同意按程序表决。";
  let paragraph = client.doc.getXmlFragment(sectionName("header")).length;
  addParagraph(client.doc, "header", "");
  let typed = 0;
  while (!stopped()) {
    typeInParagraph(client.doc, "header", paragraph, text[counts.keys % text.length] ?? "。");
    counts.keys += 1;
    typed += 1;
    if (typed % 80 === 0) {
      addParagraph(client.doc, "header", "");
      paragraph += 1;
    }
    await sleep(250);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 && args[at + 1] ? Number(args[at + 1]) : undefined;
  };
  const minutes = option("--minutes") ?? 30;
  process.env.YISHI_LOG_LEVEL = "warn";
  buildIfNeeded({ quiet: true });
  const result = await soak({
    minutes,
    sampleSeconds: option("--sample-seconds") ?? 30,
    onProgress: (f, d) => process.stdout.write(`\rsoak ${Math.round(f * 100)}% ${d}          `),
  });
  console.log(
    `\n\nsoak ${result.minutes} min (load ${result.load}): RSS ${result.rss_start_mb} → ${result.rss_end_mb} MB, slope ${result.slope_mb_per_h} MB/h` +
      ` (heap + external ${result.heap_slope_mb_per_h} MB/h); ${result.motions} motions, ${result.votes} votes, ${result.observer_states} observer states,` +
      ` ${result.keystrokes} keystrokes`,
  );
  for (const s of result.samples) console.log(`  ${s.at_s} s: RSS ${s.rss_mb} MB, heap + external ${s.heap_mb} MB`);
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "soak.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written: bench/results/soak.json`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(`soak failed: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  });
}
