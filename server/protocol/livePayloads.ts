/**
 * The envelopes the socket adapter checks before a live read or command runs (server/realtime/). Server only: the
 * browser imports the protocol's names and types from ./live.ts, and this file would bring Zod into every phone's
 * first load (≈ 30 kB gzipped).
 */
import { z } from "zod";

export const meetingIdSchema = z.string().min(1).max(64);
export const sessionPayload = z.null().optional();
/** The projector asks for the public view even on the chair's laptop: results appear there only once announced. */
export const joinPayload = z.strictObject({ meetingId: meetingIdSchema, view: z.literal("public").optional() });
export const mePayload = z.strictObject({ meetingId: meetingIdSchema });
/** Every command's envelope: only the routing field is read here; the command validates the rest strictly. */
export const commandEnvelope = z.looseObject({ meetingId: meetingIdSchema });
