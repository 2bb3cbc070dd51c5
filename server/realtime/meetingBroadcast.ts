import { liveViews, type LiveView } from "../queries/liveMeeting";
import { getRuntime } from "../runtime";

/** At most one broadcast per meeting in this window; the last state is always sent (DESIGN §5: coalesced tallies). */
const WINDOW_MS = 150;

type Slot = { timer: NodeJS.Timeout | null; dirty: boolean };

const KEY = "__yishiMeetingBroadcast";
function slots(): Map<string, Slot> {
  const holder = globalThis as { [KEY]?: Map<string, Slot> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

export function roomOf(meetingId: string, audience: "chair" | "public"): string {
  return `meeting:${meetingId}:${audience}`;
}

/** Sends the meeting's new state to its rooms: at once if quiet, else once the window ends. Call after commit. */
export function scheduleBroadcast(meetingId: string): void {
  const all = slots();
  const slot = all.get(meetingId);
  if (slot?.timer) {
    slot.dirty = true;
    return;
  }
  const fresh: Slot = { timer: null, dirty: false };
  all.set(meetingId, fresh);
  void broadcast(meetingId);
  fresh.timer = setTimeout(() => {
    fresh.timer = null;
    all.delete(meetingId);
    if (fresh.dirty) scheduleBroadcast(meetingId);
  }, WINDOW_MS);
}

// Per meeting, the version this process last broadcast. Every change of the state bumps the meeting's version in its
// transaction (DESIGN §3), so a request that finds no newer version has nothing to send: a command schedules a
// broadcast and so does its after-commit event, and without this each change went out twice to every observer.
const SENT_KEY = "__yishiMeetingBroadcastSent";
function sentVersions(): Map<string, number> {
  const holder = globalThis as { [SENT_KEY]?: Map<string, number> };
  holder[SENT_KEY] ??= new Map();
  return holder[SENT_KEY];
}

async function broadcast(meetingId: string): Promise<void> {
  const runtime = getRuntime();
  const io = runtime.io;
  if (!io) return;
  try {
    const sent = sentVersions();
    const current = await runtime.db.prisma.meeting.findUnique({ where: { id: meetingId }, select: { version: true } });
    if (!current || current.version <= (sent.get(meetingId) ?? -1)) return;
    // Both audiences from one read: one version for both.
    const [chair, publicView] = (await liveViews(meetingId, ["chair", "public"])) as [LiveView, LiveView];
    // A slower broadcast that finished after a newer one has nothing new either.
    if (publicView.version <= (sent.get(meetingId) ?? -1)) return;
    sent.set(meetingId, publicView.version);
    io.to(roomOf(meetingId, "chair")).emit("meeting:state", chair);
    io.to(roomOf(meetingId, "public")).emit("meeting:state", publicView);
  } catch (error) {
    console.error("meeting broadcast failed", error);
  }
}
