import type { Socket } from "socket.io";
import type { z } from "zod";
import { toAppError } from "../commands/run";
import { AppError } from "../errors";

export type Ack<T> = (reply: { ok: true; data: T } | { ok: false; error: ReturnType<AppError["toJSON"]> }) => void;

/**
 * Wraps a socket event handler: the payload is validated with a strict Zod schema, the handler's result or AppError
 * goes back in the ack as `{ ok, data }` / `{ ok: false, error: { code, message, field } }`. A handler never throws
 * into Socket.IO and never crashes the process. One listener serves every connection: Socket.IO calls it with its
 * socket as `this`, so a connection costs no closure per event (issue #24: each observer's memory).
 */
export function handleOn<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, socket: Socket) => Promise<T>) {
  return function (this: Socket, payloadOrAck: unknown, maybeAck?: unknown): Promise<void> {
    return answer(schema, (input) => handler(input, this), payloadOrAck, maybeAck);
  };
}

async function answer<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>, payloadOrAck: unknown, maybeAck: unknown): Promise<void> {
  // An event without a payload arrives with its ack first.
  const [payload, ack] = typeof payloadOrAck === "function" && maybeAck === undefined ? [undefined, payloadOrAck] : [payloadOrAck, maybeAck];
  const reply: Ack<T> = typeof ack === "function" ? (ack as Ack<T>) : () => undefined;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    reply({ ok: false, error: new AppError("invalid_input", issue?.message ?? "invalid input", { field: issue?.path.join(".") || undefined }).toJSON() });
    return;
  }
  try {
    reply({ ok: true, data: await handler(parsed.data) });
  } catch (error) {
    // The same mapping as commands: a read that met the database going away is the retryable `unavailable`.
    reply({ ok: false, error: toAppError(error).toJSON() });
  }
}
