/**
 * Collaborative minutes under load (issue #7): 30 editors type at once into one meeting's minutes on a real server
 * (PGlite, or PostgreSQL with DATABASE_URL), each keystroke a Yjs update over the app's socket. Measures how long a
 * keystroke takes to reach every other editor (target: p99 ≤ 50 ms), checks that every document converges to the
 * same state (and that a client joining afterwards gets it too), and reports the memory an open document costs.
 * Not a test: prints a table and returns `{ editors, p99_ms, … }`.
 *
 *   node --expose-gc --import tsx bench/minutes.ts [--quick] [--seconds N] [--editors N]
 *
 * The editors are the demo body's chair and recorder, each with many open editor pages (sockets): the server does
 * the same work per socket whoever holds it.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { DEMO_PASSWORD } from "../prisma/seed";
import { buildIfNeeded } from "../scripts/buildIfNeeded.mjs";
import { sectionName } from "../server/minutes/sections";
import { addParagraph, type MinutesClient, minutesClient, sectionText, waitFor } from "../server/minutes/testClient";
import { login } from "../server/testing/http";
import { startServer } from "../server/testing/server";

export type MinutesBenchResult = {
  editors: number;
  seconds: number;
  keystrokes: number;
  deliveries: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  converged: boolean;
  document_bytes: number;
  heap_per_document_kb: number;
  server_rss_growth_mb: number;
  /** The benchmark's own event-loop delay p99 (its 30 clients share one thread) and the machine's load. */
  client_loop_p99_ms: number;
  load_average: number;
};

const PARAGRAPHS = 5;
const KEYS_PER_SECOND = 4;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}

/** Heap taken by one open server-side document (Y.Doc + awareness) holding `state`, averaged over `count`. */
function heapPerDocument(state: Uint8Array, count = 40): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const held: { doc: Y.Doc; awareness: Awareness }[] = [];
  for (let i = 0; i < count; i += 1) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    held.push({ doc, awareness: new Awareness(doc) });
  }
  gc?.();
  const perDoc = (process.memoryUsage().heapUsed - before) / count;
  for (const h of held) {
    h.awareness.destroy();
    h.doc.destroy();
  }
  return perDoc / 1024;
}

export async function run(options: { editors?: number; seconds?: number } = {}): Promise<MinutesBenchResult> {
  const editorCount = options.editors ?? 30;
  const seconds = options.seconds ?? 60;
  buildIfNeeded({ quiet: true });
  const server = await startServer();
  const clients: MinutesClient[] = [];
  try {
    const cookies = [(await login(server.url, "13800000003", DEMO_PASSWORD)) ?? "", (await login(server.url, "13800000002", DEMO_PASSWORD)) ?? ""];
    const meetings = (await (await fetch(`${server.url}/api/meetings`, { headers: { cookie: cookies[0] ?? "" } })).json()) as {
      data: { id: string; state: string }[];
    };
    const meetingId = meetings.data.find((m) => m.state === "scheduled")?.id ?? "";
    const rssBefore = rssMb(server.process.pid);
    for (let i = 0; i < editorCount; i += 1) clients.push(await minutesClient(server.url, meetingId, cookies[i % 2]));
    const first = clients[0] as MinutesClient;
    for (let p = 0; p < PARAGRAPHS; p += 1) addParagraph(first.doc, "header", `第${p + 1}段：`);
    await waitFor(() => clients.every((c) => c.doc.getXmlFragment(sectionName("header")).length === PARAGRAPHS), "the paragraphs to reach everyone");

    // Send times by struct id; every other editor's arrival time gives one delivery latency.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    for (const client of clients) {
      client.doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider) return;
        const now = performance.now();
        // The server may merge keystrokes into one update: each clock of each struct is one keystroke.
        for (const struct of Y.decodeUpdate(update).structs) {
          for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock += 1) {
            const key = `${struct.id.client}:${clock}`;
            const sent = sentAt.get(key);
            if (sent !== undefined && client.doc.clientID !== struct.id.client) latencies.push(now - sent);
          }
        }
      });
    }
    let keystrokes = 0;
    const type = (client: MinutesClient, index: number) => {
      const paragraph = client.doc.getXmlFragment(sectionName("header")).get(index % PARAGRAPHS) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      const clock = Y.getState(client.doc.store, client.doc.clientID);
      sentAt.set(`${client.doc.clientID}:${clock}`, performance.now());
      text.insert(Math.floor(Math.random() * (text.length + 1)), "字");
      keystrokes += 1;
    };
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const ends = Date.now() + seconds * 1000;
    await Promise.all(
      clients.map(async (client, index) => {
        while (Date.now() < ends) {
          await new Promise((resolve) => setTimeout(resolve, (1000 / KEYS_PER_SECOND) * (0.5 + Math.random())));
          type(client, index);
        }
      }),
    );
    loop.disable();
    const expected = keystrokes;
    const converged = await waitFor(
      () => clients.every((c) => Y.encodeStateVector(c.doc).toString() === Y.encodeStateVector(first.doc).toString()),
      "convergence",
      30_000,
    ).then(
      () => true,
      () => false,
    );
    const late = await minutesClient(server.url, meetingId, cookies[0]);
    clients.push(late);
    const finalText = sectionText(first.doc, "header");
    const allSame = converged && clients.every((c) => sectionText(c.doc, "header") === finalText);
    const typed = (finalText.match(/字/g) ?? []).length;
    const state = Y.encodeStateAsUpdate(first.doc);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      editors: editorCount,
      seconds,
      keystrokes: expected,
      deliveries: latencies.length,
      p50_ms: Math.round(percentile(sorted, 50) * 10) / 10,
      p99_ms: Math.round(percentile(sorted, 99) * 10) / 10,
      max_ms: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
      converged: allSame && typed === expected,
      document_bytes: state.byteLength,
      heap_per_document_kb: Math.round(heapPerDocument(state)),
      server_rss_growth_mb: Math.round((rssMb(server.process.pid) - rssBefore) * 10) / 10,
      client_loop_p99_ms: Math.round(loop.percentile(99) / 1e5) / 10,
      load_average: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    };
  } finally {
    for (const client of clients) client.close();
    await server.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const index = args.indexOf(flag);
    return index >= 0 ? Number(args[index + 1]) : undefined;
  };
  const seconds = value("--seconds") ?? (args.includes("--quick") ? 10 : 60);
  const result = await run({ editors: value("--editors") ?? 30, seconds });
  console.log(`collaborative minutes: ${result.editors} editors typing for ${result.seconds} s (target p99 ≤ 50 ms, all converge)`);
  console.table([
    { measure: "keystrokes", value: result.keystrokes },
    { measure: "deliveries to other editors", value: result.deliveries },
    { measure: "propagation p50 (ms)", value: result.p50_ms },
    { measure: "propagation p99 (ms)", value: result.p99_ms },
    { measure: "propagation max (ms)", value: result.max_ms },
    { measure: "all documents converged", value: result.converged },
    { measure: "document size (bytes)", value: result.document_bytes },
    { measure: "heap per open document (KiB)", value: result.heap_per_document_kb },
    { measure: "server RSS growth (MiB)", value: result.server_rss_growth_mb },
    { measure: "benchmark event-loop delay p99 (ms)", value: result.client_loop_p99_ms },
    { measure: "machine load average (1 min)", value: result.load_average },
  ]);
  console.log(JSON.stringify(result));
}
