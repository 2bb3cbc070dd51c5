/** A socket.io client as a phone or the chair's laptop uses it, for integration tests. */
import { randomUUID } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";

export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };

export type LiveClient = {
  socket: Socket;
  /** Every meeting:state received, in order. */
  states: { version: number; [key: string]: unknown }[];
  call<T = unknown>(event: string, payload?: unknown): Promise<Reply<T>>;
  waitForState(predicate: (state: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
};

export async function liveClient(url: string, cookie?: string): Promise<LiveClient> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const states: LiveClient["states"] = [];
  const waiters: { predicate: (s: Record<string, unknown>) => boolean; resolve: (s: Record<string, unknown>) => void }[] = [];
  socket.on("meeting:state", (state: { version: number }) => {
    states.push(state);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(state)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(state);
      }
    }
  });
  return {
    socket,
    states,
    call<T>(event: string, payload?: unknown) {
      return socket.timeout(20_000).emitWithAck(event, payload) as Promise<Reply<T>>;
    },
    waitForState(predicate, timeoutMs = 5_000) {
      const seen = states.find((s) => predicate(s));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => reject(new Error(`no matching meeting:state within ${timeoutMs} ms`)), timeoutMs);
      });
    },
    close() {
      socket.close();
    },
  };
}

export function clientId(): string {
  return randomUUID();
}
