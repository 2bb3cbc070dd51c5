"use client";

import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import {
  type CommandReply,
  type JoinReply,
  LIVE_BROADCASTS,
  LIVE_READS,
  type LiveClientToServer,
  type LiveCommandEvent,
  type LiveCommandPayloads,
  type LiveServerToClient,
  type MeReply,
  type Reply,
} from "@/server/protocol/live";
import type { LiveView } from "@/server/queries/liveMeeting";
import type { MemberView } from "@/server/queries/memberView";

export type { Reply };
export type Joined = JoinReply;
export type Connection = "connecting" | "online" | "offline";

/** A command unanswered or sent while offline is tried this many times (a vote keeps its client id: the same vote). */
const SEND_ATTEMPTS = 5;
/** Sends one live command (server/protocol/live.ts) of this meeting and resolves with its reply. */
export type Send = <E extends LiveCommandEvent>(event: E, payload: LiveCommandPayloads[E]) => Promise<Reply<CommandReply<E>>>;

/**
 * The live meeting on this device: one socket, a snapshot on join and on every reconnect, and the newest
 * `meeting:state` by version (an older or repeated state is ignored). No page reload is ever needed.
 */
export function useLiveMeeting(meetingId: string, options: { publicView?: boolean; initial?: Joined | null } = {}) {
  const publicView = options.publicView === true;
  const initial = options.initial ?? null;
  const socketRef = useRef<Socket<LiveServerToClient, LiveClientToServer> | null>(null);
  const [view, setView] = useState<LiveView | null>(initial?.view ?? null);
  const [me, setMe] = useState<MemberView | null>(initial?.me ?? null);
  const [roles, setRoles] = useState<string[]>(initial?.roles ?? []);
  // With the state read by the server the page is already usable: no "connecting" banner that would vanish a moment
  // later and shift the page. A failed connection still shows "offline".
  const [connection, setConnection] = useState<Connection>(initial ? "online" : "connecting");
  const [joinError, setJoinError] = useState<string | null>(null);

  const accept = useCallback((next: LiveView) => {
    setView((current) => (current && current.version > next.version ? current : next));
  }, []);

  useEffect(() => {
    const socket: Socket<LiveServerToClient, LiveClientToServer> = io({
      transports: ["websocket", "polling"],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3_000,
    });
    socketRef.current = socket;
    const join = () => {
      socket.timeout(10_000).emit(LIVE_READS.join, { meetingId, ...(publicView ? { view: "public" } : {}) }, (err: Error | null, reply: Reply<JoinReply>) => {
        if (err) return;
        if (!reply.ok) {
          setJoinError(reply.error.code);
          return;
        }
        // A whole new state re-renders the page: as a transition React splits that work into short slices, so that
        // a slow phone's main thread stays free for taps (Lighthouse's TBT).
        startTransition(() => {
          setJoinError(null);
          setView(reply.data.view);
          setRoles(reply.data.roles);
          setMe(reply.data.me);
        });
      });
    };
    socket.on("connect", () => {
      setConnection("online");
      join();
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", () => setConnection("offline"));
    socket.on(LIVE_BROADCASTS.state, (state) => startTransition(() => accept(state)));
    // A phone that slept or switched networks may miss a broadcast: coming back to the page asks for a snapshot.
    const onVisible = () => {
      if (document.visibilityState === "visible" && socket.connected) join();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      socket.close();
    };
  }, [meetingId, accept, publicView]);

  // When a vote opens or closes, or the item changes, this member's own ballots and recusals are fetched anew.
  const motionKey = view ? `${view.motion?.id ?? ""}|${view.motion?.state ?? ""}|${view.agenda.find((i) => i.isCurrent)?.id ?? ""}` : "";
  const hasMe = me !== null;
  useEffect(() => {
    const socket = socketRef.current;
    if (!motionKey || !hasMe || !socket?.connected) return;
    socket.timeout(8_000).emit(LIVE_READS.me, { meetingId }, (err: Error | null, reply: Reply<MeReply>) => {
      if (!err && reply.ok && reply.data) setMe(reply.data);
    });
  }, [motionKey, hasMe, meetingId]);

  /** Sends a command; retries while offline or unanswered (a vote keeps its client id, so a resend is the same vote). */
  const send: Send = useCallback(
    async <E extends LiveCommandEvent>(event: E, payload: LiveCommandPayloads[E]): Promise<Reply<CommandReply<E>>> => {
      for (let attempt = 0; attempt < SEND_ATTEMPTS; attempt += 1) {
        const socket = socketRef.current;
        if (socket?.connected) {
          try {
            // Socket.IO's types cannot resolve the parameters of a still-generic event; `Send` types each call instead.
            const untyped = socket as unknown as Socket;
            const reply = (await untyped.timeout(8_000).emitWithAck(event, { meetingId, ...payload })) as Reply<CommandReply<E>>;
            if (reply.ok && reply.data.me) setMe(reply.data.me);
            if (reply.ok || reply.error.code !== "unavailable") return reply;
          } catch {
            // No answer in time: the server may not have it; retry with the same payload.
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 700 * (attempt + 1)));
      }
      return { ok: false, error: { code: "unavailable", message: "no connection" } };
    },
    [meetingId],
  );

  return { view, me, roles, connection, joinError, send };
}
