/**
 * Keeping the stored alerts (alertStore.ts) current between views (issue #20 item 7). A view recomputes, before it
 * reads, the organizations whose facts changed since the last one; at district size that can be many after a busy
 * evening or a threshold change (every organization of the township: seconds). So the server also refreshes
 * in the background:
 *   - right after a township's thresholds change (the `township.settings.changed` listener);
 *   - every township, one after another, shortly after start-up and then on a timer — the deadlines that passed
 *     (minutes unsigned seven days after the meeting) and the changes recorded since are computed before anyone looks.
 * A view that comes while a refresh of its township runs waits for it rather than doing the same work twice
 * (refreshTownshipAlerts). Nothing here decides what an alert is: the same loader and rules as every view.
 */
import { currentDb } from "../db";
import { errorFields, logger } from "../ops/logger";
import { processSingleton } from "../singleton";
import { refreshTownshipAlerts, townshipTree } from "./townshipAlerts";

type State = { timer?: NodeJS.Timeout; first?: NodeJS.Timeout; round?: Promise<void> };
const state = (): State => processSingleton<State>("__yishiAlertRefresher", () => ({}));

/** Refreshes one township's stored alerts now; returns how many organizations were recomputed. */
export async function refreshTownship(townshipId: string, now: Date = new Date()): Promise<number> {
  return refreshTownshipAlerts(await townshipTree(townshipId), now);
}

/** The same, not awaited (an after-commit listener must not hold back the command's answer); a failure is logged. */
export function refreshTownshipInBackground(townshipId: string): void {
  void refreshTownship(townshipId).catch((error: unknown) => logger().error({ ...errorFields(error), townshipId }, "refreshing the township's alerts failed"));
}

/** One round over every township, one after another; a round still running is not doubled. Never throws. */
export function refreshAllTownships(): Promise<void> {
  const s = state();
  if (s.round) return s.round;
  s.round = (async () => {
    const townships = await currentDb().prisma.organization.findMany({ where: { level: "township" }, select: { id: true }, orderBy: { id: "asc" } });
    for (const { id } of townships) {
      const started = performance.now();
      const recomputed = await refreshTownship(id);
      if (recomputed > 0) logger().info({ townshipId: id, recomputed, ms: Math.round(performance.now() - started) }, "stored alerts refreshed");
    }
  })()
    .catch((error: unknown) => logger().error(errorFields(error), "refreshing the stored alerts failed"))
    .finally(() => {
      state().round = undefined;
    });
  return s.round;
}

/**
 * Starts the refresher: a first round `firstAfterMs` after start-up (after the server answers: never in the way of
 * a restart), then one every `intervalMs`.
 */
export function startAlertRefresher(intervalMs = 5 * 60_000, firstAfterMs = 30_000): void {
  const s = state();
  if (s.timer) return;
  s.first = setTimeout(() => void refreshAllTownships(), firstAfterMs);
  s.first.unref();
  s.timer = setInterval(() => void refreshAllTownships(), intervalMs);
  s.timer.unref();
}

/** Stops the timer and waits for a round in progress (shutdown closes the database after this). */
export async function stopAlertRefresher(): Promise<void> {
  const s = state();
  if (s.first) clearTimeout(s.first);
  if (s.timer) clearInterval(s.timer);
  s.first = undefined;
  s.timer = undefined;
  await s.round;
}
