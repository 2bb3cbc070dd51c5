import { onEvent, type Listener } from "./events";
import { scheduleBroadcast } from "./realtime/meetingBroadcast";

/** After-commit reactions, one per feature. Add a feature's listener to this list. */
const LISTENERS: Listener[] = [
  // Every change a listener or another node's command makes is broadcast to the meeting's rooms.
  (event) => scheduleBroadcast(event.meetingId),
];

/** Wires the listeners at start-up (tsx process only). Called once from server/index.ts. */
export function registerListeners(): void {
  for (const listener of LISTENERS) onEvent(listener);
}
