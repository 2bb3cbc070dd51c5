/**
 * After a commit (server/events.ts): each event a command declared goes to these listeners, in this order. One file
 * per reaction; add a feature's reaction here. The table in docs/architecture.md ("After a commit") lists which
 * event causes what.
 */
import { type Listener, onEvent } from "../events";
import { alertsOnEvent } from "./alerts";
import { broadcastOnEvent } from "./broadcast";
import { checkpointOnEvent } from "./checkpoint";
import { minutesOnEvent } from "./minutes";
import { outboxOnEvent } from "./outbox";
import { signOnPublish } from "./publish";
import { sessionsOnEvent } from "./sessions";

export const LISTENERS: readonly Listener[] = [
  broadcastOnEvent,
  sessionsOnEvent,
  checkpointOnEvent,
  signOnPublish,
  minutesOnEvent,
  outboxOnEvent,
  alertsOnEvent,
];

/** Wires the listeners at start-up (tsx process only). Called once from server/index.ts. */
export function registerListeners(): void {
  for (const listener of LISTENERS) onEvent(listener);
}
