import type { Socket } from "socket.io";
import { identityOf } from "../auth/identity";
import type { Actor } from "../commands/actor";
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
import { LIVE_COMMANDS as C, type CommandReply, type JoinReply, LIVE_READS, type MeReply } from "../protocol/live";
import { commandEnvelope, joinPayload, mePayload } from "../protocol/livePayloads";
import { joinMeetingWithMe, personalView } from "../queries/joinMeeting";
import { roomOf } from "./meetingBroadcast";
import { actorOf, row, type SocketRow, tableModule } from "./socketTable";

const me = (socket: Socket, meetingId: string): Promise<MeReply> => personalView(meetingId, identityOf(socket));

/** A command's row: its result and the member's own view as of the commit. Broadcasts follow from its events. */
const command = (run: (input: unknown, actor: Actor) => Promise<unknown>) =>
  row(commandEnvelope, async (input, socket) => ({ result: await run(input, actorOf(socket)), me: await me(socket, input.meetingId) }));

/** The live meeting's socket events (server/protocol/live.ts) → payload schema → query or command → reply. */
const TABLE: Record<string, SocketRow> = {
  [LIVE_READS.join]: row(joinPayload, async ({ meetingId, view }, socket): Promise<JoinReply> => {
    const joined = await joinMeetingWithMe(meetingId, identityOf(socket), view);
    for (const room of [...socket.rooms]) if (room.startsWith(`meeting:${meetingId}:`)) await socket.leave(room);
    await socket.join(roomOf(meetingId, joined.view.audience));
    return joined;
  }),
  [LIVE_READS.me]: row(mePayload, async ({ meetingId }, socket) => {
    if (!identityOf(socket)) throw new AppError("unauthenticated", "login required");
    if (!socket.rooms.has(roomOf(meetingId, "public")) && !socket.rooms.has(roomOf(meetingId, "chair")))
      throw new AppError("forbidden", "join the meeting first");
    return me(socket, meetingId);
  }),
  [C.openMeeting]: command(openMeeting),
  [C.checkIn]: command(checkIn),
  [C.attendance]: command(recordAttendance),
  [C.nonVoting]: command(addNonVotingAttendee),
  [C.startItem]: command(startItem),
  [C.floor]: command(requestFloor),
  [C.grant]: command(grantFloor),
  [C.recuse]: command(declareRecusal),
  [C.adjourn]: command(adjournMeeting),
  [C.openVote]: command(openVote),
  [C.totals]: command(recordTotals),
  [C.closeVote]: command(closeVote),
  [C.announce]: command(announceResult),
  // The command refuses a motion of another meeting before writing; its batch read the voter's view (castVotes.ts).
  [C.castVote]: row(commandEnvelope, async (input, socket): Promise<CommandReply<"vote:cast">> => {
    const { me: view, ...result } = await castVote(input, actorOf(socket));
    return { result, me: view ?? (await me(socket, result.meetingId)) };
  }),
};

/** Every event this module handles (the fuzz test and the permission matrix walk them all). */
export const MEETING_EVENTS = Object.keys(TABLE);

export const meetingRoomModule = tableModule(TABLE);
