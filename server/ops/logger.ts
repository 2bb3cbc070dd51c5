/**
 * The process's structured log through pino on stdout (one line per command, see observe.ts): JSON lines for
 * machines — with YISHI_LOG_FORMAT=json, and by default when stdout is not a terminal (systemd, containers, the
 * tests' child servers) — and one readable line per event on a terminal, with YISHI_LOG_FORMAT=pretty or in
 * development (through pino-pretty). One logger per process, kept on globalThis so that Next's bundle and the tsx
 * server write through the same stream.
 *
 * Logs carry ids, never names or phone numbers (个人信息保护法 第六条: no more personal data than the purpose needs);
 * error texts pass through `redact` because a database error may quote a value.
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { processSingleton } from "../singleton";
import { mapStack } from "./sourcePositions";

const KEY = "__yishiLogger";

function level(): string {
  const wanted = process.env.YISHI_LOG_LEVEL;
  if (wanted && ["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(wanted)) return wanted;
  // Vitest runs in-process tests with NODE_ENV=test: keep their output readable. Real servers log at info.
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

function isReadable(): boolean {
  const format = process.env.YISHI_LOG_FORMAT;
  if (format === "json") return false;
  if (format === "pretty") return true;
  return process.env.NODE_ENV === "development" || process.stdout.isTTY === true;
}

function create(): Logger {
  const options = { level: level(), base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  if (isReadable()) {
    const colorize = process.stdout.isTTY === true;
    return pino(options, pretty({ sync: true, colorize, singleLine: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,reqId" }));
  }
  return pino(options);
}

export function logger(): Logger {
  return processSingleton(KEY, create);
}

/**
 * Runs `work` with the info lines held back (the demo seed runs ~150 commands, one line each); warnings and errors
 * still show. YISHI_LOG_LEVEL, when set, wins: an operator who asks for info lines gets them.
 */
export async function withQuietInfo<T>(work: () => Promise<T>): Promise<T> {
  const log = logger();
  if (process.env.YISHI_LOG_LEVEL || log.levelVal >= pino.levels.values.warn) return work();
  const before = log.level;
  log.level = "warn";
  try {
    return await work();
  } finally {
    log.level = before;
  }
}

/** Mainland mobile numbers (11 digits from 13…) anywhere in a text become 138****5678. */
export function redact(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, "$1****$2");
}

/** An error as loggable plain data: name, code, message and stack, with phone numbers masked. */
export function errorFields(error: unknown): { errName: string; errCode?: string; err: string; stack?: string } {
  const e = error as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message : String(error);
  return {
    errName: typeof e?.name === "string" ? e.name : "Error",
    errCode: typeof e?.code === "string" ? e.code : undefined,
    err: redact(message).slice(0, 2_000),
    stack: typeof e?.stack === "string" ? redact(mapStack(e.stack)).slice(0, 4_000) : undefined,
  };
}
