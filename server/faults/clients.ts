/**
 * Phones for the fault tests: members log in with their one-time code (POST /login/qr, as the /q/<code> page does),
 * keep a socket.io connection that reconnects as the app's does, and cast votes the way the app must under faults —
 * a client id generated once per intended vote, resent on a timeout or a retryable refusal until a deadline.
 */
import { randomUUID } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import { cookiesOf } from "../testing/http";
import type { Reply } from "../testing/liveClient";

/** Redeems a login code; returns the Cookie header of the session it opens. */
export async function redeem(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login/qr`, { method: "POST", redirect: "manual", body: new URLSearchParams({ token }) });
  const session = cookiesOf(response).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`login code refused (${response.status} → ${response.headers.get("location")})`);
  return session;
}

/** Redeems many codes, a few at a time. */
export async function redeemAll(baseUrl: string, tokens: string[], parallel = 8): Promise<string[]> {
  const cookies: string[] = new Array(tokens.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < tokens.length) {
        const index = next;
        next += 1;
        cookies[index] = await redeem(baseUrl, tokens[index] as string);
      }
    }),
  );
  return cookies;
}

export type Phone = { socket: Socket; call<T = unknown>(event: string, payload: unknown, timeoutMs?: number): Promise<Reply<T>>; close(): void };

/** A socket as the live page opens it (WebSocket, reconnecting quickly), connected. */
export async function phone(url: string, cookie?: string, options: { reconnection?: boolean; transports?: ("websocket" | "polling")[] } = {}): Promise<Phone> {
  const socket = connect(url, {
    transports: options.transports ?? ["websocket"],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
    randomizationFactor: 0.2,
    timeout: 5_000,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no connection to ${url} within 15 s`)), 15_000);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
    if (!options.reconnection)
      socket.once("connect_error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
  });
  return {
    socket,
    call<T>(event: string, payload: unknown, timeoutMs = 20_000) {
      return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Reply<T>>;
    },
    close() {
      socket.close();
    },
  };
}

/** Connects many phones, a few at a time. */
export async function phones(url: string, cookies: (string | undefined)[], parallel = 16): Promise<Phone[]> {
  const all: Phone[] = new Array(cookies.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < cookies.length) {
        const index = next;
        next += 1;
        all[index] = await phone(url, cookies[index]);
      }
    }),
  );
  return all;
}

export type VoteAttempt = {
  clientId: string;
  choice: "yes" | "no" | "abstain";
  /** acked: committed (with its audit entry); refused: a final refusal; gaveUp: no answer before the deadline. */
  outcome: "acked" | "refused" | "gaveUp";
  code?: string;
  attempts: number;
  ackedAt?: number;
};

/** A refusal that says "not recorded, try again"; anything else is final. */
const RETRYABLE = new Set(["unavailable"]);

/**
 * Casts one vote, resending the same client id after a timeout, a disconnect or a retryable error, until acked,
 * refused, or the deadline passes. `stop()` returning true abandons the vote (a phone that gives up).
 */
export async function castWithRetries(
  voter: Phone,
  payload: { meetingId: string; motionId: string; choice: VoteAttempt["choice"] },
  options: { deadline: number; attemptMs?: number; stop?: () => boolean; clientId?: string },
): Promise<VoteAttempt> {
  const clientId = options.clientId ?? randomUUID();
  let attempts = 0;
  let code: string | undefined;
  while (Date.now() < options.deadline && !options.stop?.()) {
    if (!voter.socket.connected) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    attempts += 1;
    try {
      // As the live page does (useLiveMeeting.send): 8 s per attempt, then the same payload again.
      const reply = await voter.call("vote:cast", { ...payload, clientId }, options.attemptMs ?? 8_000);
      if (reply.ok) return { clientId, choice: payload.choice, outcome: "acked", attempts, ackedAt: Date.now() };
      code = reply.error.code;
      if (!RETRYABLE.has(code)) return { clientId, choice: payload.choice, outcome: "refused", code, attempts };
    } catch {
      code = "timeout";
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { clientId, choice: payload.choice, outcome: "gaveUp", code, attempts };
}

export type LiveState = {
  version: number;
  attendance: { present: number };
  speakers: { current: { name: string } | null; queue: { name: string }[] };
  motion: { id: string; state: string; castCount: number; result?: { tally: { yes: number; no: number; abstain: number } } } | null;
};

export type Watcher = { states: LiveState[]; waitFor(predicate: (state: LiveState) => boolean, timeoutMs?: number): Promise<LiveState> };

/** Records every meeting:state a socket receives; waitFor resolves with the first (past or future) that matches. */
export function watch(socket: Socket): Watcher {
  const states: LiveState[] = [];
  const waiters: { predicate: (state: LiveState) => boolean; resolve: (state: LiveState) => void }[] = [];
  socket.on("meeting:state", (state: LiveState) => {
    states.push(state);
    for (const waiter of [...waiters]) {
      if (!waiter.predicate(state)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(state);
    }
  });
  return {
    states,
    waitFor(predicate, timeoutMs = 10_000) {
      const seen = states.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching meeting:state within ${timeoutMs} ms (last version ${states.at(-1)?.version ?? "none"})`));
        }, timeoutMs);
      });
    },
  };
}
