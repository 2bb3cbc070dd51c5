import type { Socket } from "socket.io";
import type { z } from "zod";
import { identityOf } from "../auth/identity";
import { type Actor, accountActor } from "../commands/actor";
import { AppError } from "../errors";
import { handleOn } from "./ack";
import type { SocketModule } from "./io";

/** One row of a socket table: the payload's schema, and what to run for a valid payload (its result is the reply). */
export type SocketRow<S extends z.ZodType = z.ZodType> = { schema: S; run: (input: z.infer<S>, socket: Socket) => Promise<unknown> };

/** Keeps each row's schema and handler types together (a plain object literal would widen them). */
export function row<S extends z.ZodType>(schema: S, run: (input: z.infer<S>, socket: Socket) => Promise<unknown>): SocketRow {
  return { schema, run: run as SocketRow["run"] };
}

/** The logged-in account behind a socket, as the actor of a command; `unauthenticated` without a login. */
export function actorOf(socket: Socket): Actor {
  const identity = identityOf(socket);
  if (!identity) throw new AppError("unauthenticated", "login required");
  return accountActor(identity.accountId, identity.name);
}

/**
 * A table of event name → row, as a socket module: each event is validated against its row's schema and answered
 * through server/realtime/ack.ts (`{ ok, data }` or a typed error). What happens after a command commits is the
 * command's own declared events (server/listeners/), never the table's.
 */
export function tableModule(table: Readonly<Record<string, SocketRow>>): SocketModule {
  // One listener per event for all connections (the socket arrives as `this`), made once with the table.
  const listeners = Object.entries(table).map(([event, { schema, run }]) => [event, handleOn(schema, run)] as const);
  return (_io, socket) => {
    for (const [event, listener] of listeners) socket.on(event, listener);
  };
}
