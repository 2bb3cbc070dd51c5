import type { Socket } from "socket.io";
import { z } from "zod";
import { accountActor, type Actor } from "../commands/actor";
import { addNonVotingAttendee } from "../commands/live/addNonVotingAttendee";
import { adjournMeeting } from "../commands/live/adjournMeeting";
import { announceResult } from "../commands/live/announceResult";
import { castVote } from "../commands/live/castVote";
import { checkIn } from "../commands/live/checkIn";
import { closeVote } from "../commands/live/closeVote";
import { declareRecusal } from "../commands/live/declareRecusal";
import { grantFloor } from "../commands/live/grantFloor";
import { openMeeting } from "../commands/live/openMeeting";
import { openVote } from "../commands/live/openVote";
import { recordAttendance } from "../commands/live/recordAttendance";
import { recordTotals } from "../commands/live/recordTotals";
import { requestFloor } from "../commands/live/requestFloor";
import { startItem } from "../commands/live/startItem";
import { AppError } from "../errors";
import { emitEvent, type YishiEvent } from "../events";
import { joinMeetingWithMe, personalView } from "../queries/joinMeeting";
import { handle } from "./ack";
import { identityOf } from "./auth";
import type { SocketModule } from "./io";
import { roomOf, scheduleBroadcast } from "./meetingBroadcast";

type Command = (input: unknown, actor: Actor) => Promise<unknown>;

/** Socket events of the live meeting → commands. Each: authenticated, validated, one command, broadcast after commit. */
const COMMANDS: Record<string, { command: Command; after?: YishiEvent["type"] }> = {
  "meeting:open": { command: openMeeting, after: "meeting.opened" },
  "meeting:checkIn": { command: checkIn, after: "attendance.changed" },
  "meeting:attendance": { command: recordAttendance, after: "attendance.changed" },
  "meeting:nonVoting": { command: addNonVotingAttendee, after: "attendance.changed" },
  "meeting:startItem": { command: startItem },
  "meeting:floor": { command: requestFloor },
  "meeting:grant": { command: grantFloor },
  "meeting:recuse": { command: declareRecusal },
  "meeting:adjourn": { command: adjournMeeting, after: "meeting.adjourned" },
  "vote:open": { command: openVote },
  "vote:totals": { command: recordTotals },
  "vote:close": { command: closeVote, after: "vote.closed" },
  "vote:announce": { command: announceResult, after: "vote.announced" },
};

/** Every event this module handles (the fuzz test walks them all). */
export const MEETING_EVENTS = ["meeting:join", "meeting:me", "vote:cast", ...Object.keys(COMMANDS)];

// Commands validate their own payloads strictly; here only the routing field is read.
const envelope = z.looseObject({ meetingId: z.string().min(1).max(64) });
// The projector asks for the public view even on the chair's laptop: results appear there only once announced.
const joinSchema = z.strictObject({ meetingId: z.string().min(1).max(64), view: z.literal("public").optional() });
const voteEnvelope = z.looseObject({ meetingId: z.string().min(1).max(64) });

function actorOf(socket: Socket): Actor {
  const identity = identityOf(socket);
  if (!identity) throw new AppError("unauthenticated", "login required");
  return accountActor(identity.accountId, identity.name);
}

function personal(socket: Socket, meetingId: string) {
  return personalView(meetingId, identityOf(socket));
}

async function after(type: YishiEvent["type"] | undefined, meetingId: string, result: unknown): Promise<void> {
  scheduleBroadcast(meetingId);
  if (!type) return;
  const orgId = (result as { orgId?: string }).orgId ?? "";
  const motionId = (result as { motionId?: string }).motionId ?? "";
  void emitEvent({ type, meetingId, orgId, motionId } as YishiEvent);
}

export const meetingRoomModule: SocketModule = (_io, socket) => {
  socket.on(
    "meeting:join",
    handle(joinSchema, async ({ meetingId, view }) => {
      const joined = await joinMeetingWithMe(meetingId, identityOf(socket), view);
      for (const room of [...socket.rooms]) if (room.startsWith(`meeting:${meetingId}:`)) await socket.leave(room);
      await socket.join(roomOf(meetingId, joined.view.audience));
      return joined;
    }),
  );

  // A member's own view (attendance, recusals, the ballots they cast) after the shared state moved on.
  socket.on(
    "meeting:me",
    handle(joinSchema.pick({ meetingId: true }), async ({ meetingId }) => {
      if (!identityOf(socket)) throw new AppError("unauthenticated", "login required");
      if (!socket.rooms.has(roomOf(meetingId, "public")) && !socket.rooms.has(roomOf(meetingId, "chair"))) {
        throw new AppError("forbidden", "join the meeting first");
      }
      return personal(socket, meetingId);
    }),
  );

  for (const [event, { command, after: afterType }] of Object.entries(COMMANDS)) {
    socket.on(
      event,
      handle(envelope, async (input) => {
        const result = await command(input, actorOf(socket));
        await after(afterType, input.meetingId, { ...(result as object), motionId: (input as { motionId?: string }).motionId ?? (result as { motionId?: string }).motionId });
        return { result, me: await personal(socket, input.meetingId) };
      }),
    );
  }

  socket.on(
    "vote:cast",
    handle(voteEnvelope, async (vote) => {
      // The meeting goes into the command, which refuses a motion of another meeting before writing anything.
      const { me, ...outcome } = await castVote(vote, actorOf(socket));
      const meetingId = outcome.meetingId;
      scheduleBroadcast(meetingId);
      // The batch that committed the vote read the voter's view in its transaction (castVotes.ts).
      return { result: outcome, me: me ?? (await personal(socket, meetingId)) };
    }),
  );
};
