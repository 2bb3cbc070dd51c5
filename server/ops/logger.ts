/**
 * The process's structured log: JSON lines through pino on stdout (one per command, see observe.ts), readable
 * lines in development (NODE_ENV=development, through pino-pretty). One logger per process, kept on globalThis so
 * that Next's bundle and the tsx server write through the same stream.
 *
 * Logs carry ids, never names or phone numbers (个人信息保护法 第六条: no more personal data than the purpose needs);
 * error texts pass through `redact` because a database error may quote a value.
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

const KEY = "__yishiLogger";

function level(): string {
  const wanted = process.env.YISHI_LOG_LEVEL;
  if (wanted && ["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(wanted)) return wanted;
  // Vitest runs in-process tests with NODE_ENV=test: keep their output readable. Real servers log at info.
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

function create(): Logger {
  const options = { level: level(), base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  if (process.env.NODE_ENV === "development") {
    return pino(options, pretty({ sync: true, colorize: true, singleLine: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid" }));
  }
  return pino(options);
}

export function logger(): Logger {
  const holder = globalThis as { [KEY]?: Logger };
  holder[KEY] ??= create();
  return holder[KEY];
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
    stack: typeof e?.stack === "string" ? redact(e.stack).slice(0, 4_000) : undefined,
  };
}
