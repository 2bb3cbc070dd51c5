/**
 * The live meeting's socket protocol, shared by the server (server/realtime/) and the browser (app/meetings/…/live):
 * every event name, the payload each carries, the reply (ack) it gets, and what the server broadcasts. The wire names
 * and shapes are the ones the clients have always used; change them here or nowhere.
 *
 * Requests carry `{ meetingId, …payload }` and are answered with a `Reply`. The adapter checks the envelope with the
 * schemas in ./livePayloads.ts (kept apart so that no browser bundle carries Zod); each command then validates its own fields strictly (server/commands/live/*), so a payload type here
 * says what the browser sends, and the command's schema decides what is accepted.
 */
import type { z } from "zod";
import type { Choice } from "../domain/meeting";
import type { ErrorCode } from "../errors";
import type { LiveView } from "../queries/liveMeeting";
import type { MemberView } from "../queries/memberView";
import type { joinPayload, mePayload } from "./livePayloads";

/** Reads: answered from the database, change nothing. */
export const LIVE_READS = {
  /** Who this socket is logged in as. */
  session: "session",
  /** Join the meeting's room (chair or public) and get its state and the member's own view. */
  join: "meeting:join",
  /** The member's own view (attendance, recusals, ballots cast) after the shared state moved on. */
  me: "meeting:me",
} as const;

/** Commands: each runs one command of server/commands/live and replies with its result and the member's view. */
export const LIVE_COMMANDS = {
  openMeeting: "meeting:open",
  checkIn: "meeting:checkIn",
  attendance: "meeting:attendance",
  nonVoting: "meeting:nonVoting",
  startItem: "meeting:startItem",
  floor: "meeting:floor",
  grant: "meeting:grant",
  recuse: "meeting:recuse",
  adjourn: "meeting:adjourn",
  openVote: "vote:open",
  totals: "vote:totals",
  closeVote: "vote:close",
  announce: "vote:announce",
  castVote: "vote:cast",
} as const;

/** Server → browser. */
export const LIVE_BROADCASTS = {
  /** The meeting's newest state, to its chair room and its public room (each its own audience's view). */
  state: "meeting:state",
} as const;

export type LiveReadEvent = (typeof LIVE_READS)[keyof typeof LIVE_READS];
export type LiveCommandEvent = (typeof LIVE_COMMANDS)[keyof typeof LIVE_COMMANDS];

// ── What the browser sends with each command (besides meetingId, which useLiveMeeting adds) ─────────────────────

type Totals = { yes: number; no: number; abstain: number };
export type LiveCommandPayloads = {
  "meeting:open": Record<string, never>;
  "meeting:checkIn": { method?: "self" | "qr"; online?: boolean };
  "meeting:attendance":
    | { personId: string; status: "present_in_person" | "present_online" | "absent" }
    | { personId: string; status: "proxy"; proxyHolderId: string; authorizationNote: string };
  "meeting:nonVoting": { name: string; affiliation?: string };
  "meeting:startItem": { itemId?: string };
  "meeting:floor": { withdraw?: boolean };
  "meeting:grant": { action: "grant"; personId: string; limitSeconds?: number } | { action: "finish" };
  "meeting:recuse": { itemId: string; reason: string };
  "meeting:adjourn": Record<string, never>;
  "vote:open": {
    text: string;
    method: "named" | "secret" | "hands_named" | "hands_totals" | "paper";
    /** One of the domain's MATTER_KINDS, as the chair's form chose it; the command refuses any other. */
    matterKind?: string;
    counters?: string[];
    scrutineers?: string[];
  };
  "vote:totals":
    | { motionId: string; kind: "hands_named"; votes: { voterPersonId: string; choice: Choice }[] }
    | ({ motionId: string; kind: "totals" } & Totals)
    | { motionId: string; kind: "confirm" };
  "vote:close": { motionId: string };
  "vote:announce": { motionId: string };
  /** clientId: made once per intended vote, so a resend is the same vote, never a second one. */
  "vote:cast": { motionId: string; choice: Choice; voterPersonId?: string; clientId: string };
};

// ── Replies ─────────────────────────────────────────────────────────────────────────────────────────────────────

export type ReplyError = { code: ErrorCode; message: string; field?: string; details?: Record<string, unknown> };
/** Every request's acknowledgement: its data, or a typed error (server/errors.ts) and nothing changed. */
export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: ReplyError };

export type SessionReply = { accountId: string | null; name: string | null };
export type JoinReply = { view: LiveView; roles: string[]; me: MemberView | null };
export type MeReply = MemberView | null;

/** What a recorded vote answers: a secret ballot's tracker goes to the voter only, never stored beside their account. */
export type CastResult = {
  motionId: string;
  voterPersonId: string;
  recorded: "cast" | "changed" | "unchanged";
  choice?: string;
  tracker?: string;
  meetingId: string;
};

/** The part of each command's result the browser may read; every result carries the meeting's new version. */
export type LiveCommandResults = {
  [E in LiveCommandEvent]: E extends "vote:cast" ? CastResult : E extends "vote:open" ? { version: number; motionId: string } : { version: number };
};

/** A command's acknowledgement: its result and the member's own view as of the commit. */
export type CommandReply<E extends LiveCommandEvent = LiveCommandEvent> = { result: LiveCommandResults[E]; me: MemberView | null };

// ── Socket.IO's typed event maps (browser side: `Socket<LiveServerToClient, LiveClientToServer>`) ──────────────

type Ack<T> = (reply: Reply<T>) => void;

/** What the server emits to browsers. */
export type LiveServerToClient = { [LIVE_BROADCASTS.state]: (view: LiveView) => void };

/** What browsers send, each with the acknowledgement it gets. */
export type LiveClientToServer = {
  [LIVE_READS.session]: (ack: Ack<SessionReply>) => void;
  [LIVE_READS.join]: (payload: z.input<typeof joinPayload>, ack: Ack<JoinReply>) => void;
  [LIVE_READS.me]: (payload: z.input<typeof mePayload>, ack: Ack<MeReply>) => void;
} & { [E in LiveCommandEvent]: (payload: { meetingId: string } & LiveCommandPayloads[E], ack: Ack<CommandReply<E>>) => void };
