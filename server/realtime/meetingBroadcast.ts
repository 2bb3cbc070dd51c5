import { liveView } from "../queries/liveMeeting";
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

async function broadcast(meetingId: string): Promise<void> {
  const io = getRuntime().io;
  if (!io) return;
  try {
    const [chair, publicView] = await Promise.all([liveView(meetingId, "chair"), liveView(meetingId, "public")]);
    io.to(roomOf(meetingId, "chair")).emit("meeting:state", chair);
    io.to(roomOf(meetingId, "public")).emit("meeting:state", publicView);
  } catch (error) {
    console.error("meeting broadcast failed", error);
  }
}
