/**
 * What the live minutes (server/realtime: the shared Yjs documents) read: a viewer's rights in a meeting's
 * minutes, and the meeting's record (agenda, attendance, votes) that the document's record blocks are built from.
 * Realtime reads the database only through these.
 */
import { currentDb } from "../db";
import { loadRecordData, type MinutesRecordData } from "../minutes/recordData";
import { loadMinutesAccess, type MinutesAccess } from "../minutes/status";

/** The account's (or an anonymous viewer's) rights in the meeting's minutes; null when the meeting does not exist. */
export function minutesAccessOf(accountId: string | null, meetingId: string): Promise<MinutesAccess | null> {
  return loadMinutesAccess(currentDb().prisma, accountId, meetingId);
}

/** The meeting's record as the minutes show it; null when the meeting does not exist. */
export function minutesRecordOf(meetingId: string): Promise<MinutesRecordData | null> {
  return loadRecordData(currentDb().prisma, meetingId);
}
