/**
 * What the command path reports: one log line per command and the numbers behind /metrics. This module imports no
 * metrics library, so Next's bundle can call it cheaply; the server process installs the sink that feeds
 * prom-client (metrics.ts). Without a sink (CLI tools, in-process tests) only the log line is written.
 */
import { isAppError } from "../errors";
import { processSlot } from "../singleton";
import { errorFields, logger } from "./logger";
import { currentRequest, newRequestId } from "./requestContext";
import { originalPosition } from "./sourcePositions";

export type Outcome = "ok" | "refused" | "error";

export type MetricsSink = {
  command(command: string, outcome: Outcome, seconds: number): void;
  vote(outcome: Outcome, seconds: number): void;
  voteBatch(size: number, seconds: number): void;
  auditAppend(entries: number, seconds: number): void;
  databaseError(code: string): void;
};

const metricsSink = processSlot<MetricsSink>("__yishiMetricsSink");

export function installMetricsSink(sink: MetricsSink): void {
  metricsSink.set(sink);
}

function sink(): MetricsSink | undefined {
  return metricsSink.get();
}

/** ok, refused (an AppError the user sees: forbidden, conflict …) or error (internal: a bug or the database). */
export function outcomeOf(error: unknown): Outcome {
  if (error === undefined) return "ok";
  return isAppError(error) && (error as { code: string }).code !== "internal" && (error as { code: string }).code !== "unavailable" ? "refused" : "error";
}

/** Prisma's and PostgreSQL's own errors (P1001 …, SQLSTATE 08006 …), not our refusals or a bug in our code. */
export function databaseErrorCode(error: unknown): string | null {
  if (isAppError(error)) return null;
  const e = error as { code?: unknown; name?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (/^P\d{4}$/.test(code) && code !== "P2002" && code !== "P2025") return code;
  if (/^[0-9A-Z]{5}$/.test(code)) return code;
  if (typeof e?.name === "string" && e.name.startsWith("PrismaClient")) return e.name;
  return null;
}

export function reportDatabaseError(error: unknown): void {
  const code = databaseErrorCode(error);
  if (code) sink()?.databaseError(code);
}

/**
 * Where a command's name comes from: the file that called runCommand (server/commands/<area>/<name>.ts). Read from
 * the call sites themselves, each mapped back through the source map where the code is a bundle (`npm start` runs
 * the compiled server with source maps on): not from the stack's text, which a library that formats stacks its own
 * way turns into bundle positions. Inside Next's bundle, without a map to our sources, the request's route instead.
 */
const nameCache = new WeakMap<object, string>();
const COMMAND_FILE = /server[\\/]commands[\\/]([\w-]+)[\\/]([\w-]+)\.ts$/;

export function commandName(key: object): string {
  const known = nameCache.get(key);
  if (known) return known;
  for (const file of callerSources()) {
    if (/[\\/]run\.ts$/.test(file)) continue;
    const match = COMMAND_FILE.exec(file);
    if (match) {
      const name = `${match[1]}/${match[2]}`;
      nameCache.set(key, name);
      return name;
    }
  }
  return currentRequest()?.route ?? "unknown";
}

/** The source file of each frame of the caller's stack: the original .ts file where a source map knows it. */
function callerSources(): string[] {
  const original = Error.prepareStackTrace;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.prepareStackTrace = (_error, frames) => frames;
    Error.captureStackTrace(holder, callerSources);
    const frames = holder.stack ?? [];
    return frames.map((frame) => {
      const file = frame.getFileName() ?? "";
      const line = frame.getLineNumber();
      const column = frame.getColumnNumber();
      if (!file || line === null || column === null || file.endsWith(".ts")) return file;
      return originalPosition(file, line, column)?.file ?? file;
    });
  } finally {
    Error.prepareStackTrace = original;
  }
}

export type CommandReport = {
  command: string;
  actorId: string;
  startedAt: number;
  error?: unknown;
};

/** One JSON log line and the command metrics, when a command ends (runCommand, the vote batcher). */
export function reportCommand(report: CommandReport): void {
  const seconds = (performance.now() - report.startedAt) / 1_000;
  const outcome = outcomeOf(report.error);
  const request = currentRequest();
  const fields: Record<string, unknown> = {
    reqId: request?.requestId ?? newRequestId(),
    via: request?.route,
    actorId: report.actorId,
    command: report.command,
    durationMs: Math.round(seconds * 100_000) / 100,
    outcome,
  };
  if (report.error !== undefined) {
    if (outcome === "refused") fields.code = (report.error as { code: string }).code;
    else Object.assign(fields, errorFields(report.error));
  }
  const log = logger();
  if (outcome === "error") log.error(fields, "command");
  else log.info(fields, "command");
  sink()?.command(report.command, outcome, seconds);
  if (report.error !== undefined) reportDatabaseError(report.error);
}

export function reportVote(outcome: Outcome, seconds: number): void {
  sink()?.vote(outcome, seconds);
}

export function reportVoteBatch(size: number, seconds: number): void {
  sink()?.voteBatch(size, seconds);
}

export function reportAuditAppend(entries: number, seconds: number): void {
  sink()?.auditAppend(entries, seconds);
}
