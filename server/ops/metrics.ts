/**
 * The numbers behind /metrics (Prometheus text format, prom-client). Counters and histograms are fed by observe.ts's
 * sink; the gauges are read when Prometheus scrapes: connected sockets of this node by role, meetings in session,
 * the age of the newest signed checkpoint and the audit entries no checkpoint covers yet.
 * Only the server process (server/index.ts) loads this module; Next's bundle reports through observe.ts.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { identityOf } from "../auth/identity";
import { currentDb } from "../db";
import { getRuntime } from "../runtime";
import { processSingleton } from "../singleton";
import { installMetricsSink, reportDatabaseError } from "./observe";

export type SocketRole = "anonymous" | "signed_in" | "chair_view";

const KEY = "__yishiMetrics";

/** A socket's role for the gauge: no session; signed in; or holding a meeting's chair view (chair, recorder, admin, supervisor). */
export function socketRole(socket: { rooms: Set<string>; data: unknown }): SocketRole {
  if (!identityOf(socket)) return "anonymous";
  for (const room of socket.rooms) if (room.startsWith("meeting:") && room.endsWith(":chair")) return "chair_view";
  return "signed_in";
}

async function guarded(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    // A scrape must still answer while the database is down; the failure is counted instead.
    reportDatabaseError(error);
  }
}

function build(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const commands = new Counter({
    name: "yishi_commands_total",
    help: "Commands run, by command and outcome (ok, refused, error)",
    labelNames: ["command", "outcome"],
    registers: [registry],
  });
  const commandSeconds = new Histogram({
    name: "yishi_command_duration_seconds",
    help: "Time from a command's start to its commit or refusal, by command",
    labelNames: ["command"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const votes = new Counter({
    name: "yishi_votes_total",
    help: "Electronic votes received, by outcome (ok, refused, error)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const voteSeconds = new Histogram({
    name: "yishi_vote_duration_seconds",
    help: "Time from a vote's arrival to its durable commit (group commit included)",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const voteBatch = new Histogram({
    name: "yishi_vote_batch_size",
    help: "Votes committed together in one transaction",
    buckets: [1, 2, 5, 10, 25, 50, 100, 250],
    registers: [registry],
  });
  const appendSeconds = new Histogram({
    name: "yishi_audit_append_duration_seconds",
    help: "Time to append audit entries inside a command's transaction (lock, head read, insert)",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const appended = new Counter({ name: "yishi_audit_entries_appended_total", help: "Audit entries appended by this process", registers: [registry] });
  const dbErrors = new Counter({
    name: "yishi_database_errors_total",
    help: "Database errors (Prisma or PostgreSQL error code)",
    labelNames: ["code"],
    registers: [registry],
  });

  new Gauge({
    name: "yishi_socket_connections",
    help: "Socket.IO connections to this node, by role (anonymous, signed_in, chair_view)",
    labelNames: ["role"],
    registers: [registry],
    collect() {
      const counts: Record<SocketRole, number> = { anonymous: 0, signed_in: 0, chair_view: 0 };
      const io = getRuntime().io;
      if (io) for (const socket of io.of("/").sockets.values()) counts[socketRole(socket)] += 1;
      for (const [role, count] of Object.entries(counts)) this.set({ role }, count);
    },
  });
  new Gauge({
    name: "yishi_meetings_in_session",
    help: "Meetings in session (all nodes: read from the database)",
    registers: [registry],
    async collect() {
      await guarded(async () => this.set(await currentDb().prisma.meeting.count({ where: { state: "in_session" } })));
    },
  });
  new Gauge({
    name: "yishi_audit_latest_checkpoint_age_seconds",
    help: "Seconds since the newest signed audit checkpoint of any organization",
    registers: [registry],
    async collect() {
      await guarded(async () => {
        const newest = await currentDb().prisma.auditCheckpoint.aggregate({ _max: { createdAt: true } });
        const at = newest._max.createdAt;
        if (at) this.set(Math.max(0, (Date.now() - at.getTime()) / 1_000));
      });
    },
  });
  new Gauge({
    name: "yishi_audit_unsigned_entries",
    help: "Audit entries that no signed checkpoint covers yet (all organizations)",
    registers: [registry],
    async collect() {
      await guarded(async () => this.set(await unsignedEntries()));
    },
  });

  installMetricsSink({
    command(command, outcome, seconds) {
      commands.inc({ command, outcome });
      commandSeconds.observe({ command }, seconds);
    },
    vote(outcome, seconds) {
      votes.inc({ outcome });
      if (outcome === "ok") voteSeconds.observe(seconds);
    },
    voteBatch(size) {
      voteBatch.observe(size);
    },
    auditAppend(entries, seconds) {
      appended.inc(entries);
      appendSeconds.observe(seconds);
    },
    databaseError(code) {
      dbErrors.inc({ code });
    },
  });
  return registry;
}

async function unsignedEntries(): Promise<number> {
  const { prisma } = currentDb();
  const [entries, checkpoints] = await Promise.all([
    prisma.auditEntry.groupBy({ by: ["orgId"], _max: { seq: true } }),
    prisma.auditCheckpoint.groupBy({ by: ["orgId"], _max: { size: true } }),
  ]);
  const signed = new Map(checkpoints.map((c) => [c.orgId, c._max.size ?? 0]));
  return entries.reduce((sum, e) => sum + Math.max(0, (e._max.seq ?? -1) + 1 - (signed.get(e.orgId) ?? 0)), 0);
}

/** Creates the registry and installs the sink (once per process). */
export function installMetrics(): Registry {
  return processSingleton(KEY, build);
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const registry = installMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
