/**
 * A voter's secret-ballot trackers, kept only on their own device (localStorage): the server hands a tracker out once,
 * with the reply to the ballot, and never stores it beside the voter. Nothing here is sent anywhere.
 */
export type SavedTracker = { meetingId: string; motionId: string; motionText: string; tracker: string; savedAt: string };

const KEY = "yishi:ballot-trackers";

export function readSavedTrackers(): SavedTracker[] {
  try {
    const raw = window.localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed)
      ? parsed.filter((t): t is SavedTracker => typeof t === "object" && t !== null && typeof (t as SavedTracker).tracker === "string")
      : [];
  } catch {
    return [];
  }
}

export function saveTracker(entry: SavedTracker): void {
  try {
    const others = readSavedTrackers().filter((t) => t.motionId !== entry.motionId);
    window.localStorage.setItem(KEY, JSON.stringify([...others, entry]));
  } catch {
    // Storage refused (private mode, full): the tracker is still on screen to write down.
  }
}
