import { checkpointOnEvent } from "./audit/checkpointer";
import { onEvent, type Listener } from "./events";
import { minutesOnEvent } from "./minutes/listener";
import { accountRoom } from "./realtime/io";
import { scheduleBroadcast } from "./realtime/meetingBroadcast";
import { getRuntime } from "./runtime";

/** After-commit reactions, one per feature. Add a feature's listener to this list. */
const LISTENERS: Listener[] = [
  // Every change a listener or another node's command makes is broadcast to the meeting's rooms.
  (event) => {
    if (event.meetingId) scheduleBroadcast(event.meetingId);
  },
  // Revoked sessions: every live socket of the account goes now, on every node (the adapter carries it).
  (event) => {
    if (event.type === "account.revoked") getRuntime().io?.in(accountRoom(event.accountId)).disconnectSockets(true);
  },
  // Audit checkpoints are signed after a vote closes, a meeting adjourns and minutes are signed off (DESIGN.md §6).
  checkpointOnEvent,
  // The minutes' locked record blocks follow attendance and votes (issue #7).
  minutesOnEvent,
];

/** Wires the listeners at start-up (tsx process only). Called once from server/index.ts. */
export function registerListeners(): void {
  for (const listener of LISTENERS) onEvent(listener);
}
