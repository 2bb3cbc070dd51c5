import { currentDb } from "../db";
import { buildRecordBlocks, type RecordBlock } from "../minutes/recordBlocks";
import { loadRecordData } from "../minutes/recordData";
import { loadMinutesAccess, type MinutesAccess } from "../minutes/status";

export type MinutesPage = {
  meeting: { id: string; title: string; number: string; bodyName: string; orgName: string; state: string; isPublic: boolean };
  blocks: RecordBlock[];
  access: MinutesAccess;
};

/**
 * The minutes page as plain data: the meeting, its locked record blocks (the free text arrives live over the socket)
 * and what the viewer may do. Null when the meeting does not exist; the caller checks `access.capabilities.canRead`.
 */
export async function minutesPage(accountId: string | null, meetingId: string): Promise<MinutesPage | null> {
  const { prisma } = currentDb();
  const access = await loadMinutesAccess(prisma, accountId, meetingId);
  if (!access) return null;
  const data = access.capabilities.canRead ? await loadRecordData(prisma, meetingId) : null;
  if (access.capabilities.canRead && !data) return null;
  const m = data?.meeting;
  return {
    meeting: {
      id: meetingId,
      title: m?.title ?? "",
      number: m?.number ?? "",
      bodyName: m?.bodyName ?? "",
      orgName: m?.orgName ?? "",
      state: access.status.meetingState,
      isPublic: access.status.isPublic,
    },
    blocks: data ? buildRecordBlocks(data) : [],
    access,
  };
}
