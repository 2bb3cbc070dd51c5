/**
 * After a restart the server answers within a second (issue #24), but Next loads each route's modules on its first
 * request (next.config.js: preloadEntriesOnStart off, which cost seconds of both cores before listening). The pages
 * a meeting hall opens first after a crash — the login, the member's list, the live meeting, the projector, the
 * projector's short link, the session — would then each make their first visitor wait. Once listening, the server
 * asks for those pages itself, one at a time, so their modules are loaded before most phones come back. The answers
 * are thrown away: a made-up meeting id loads the live page's modules and ends in its "not found".
 */
import { logger } from "../ops/logger";

export const HALL_ROUTES: readonly string[] = ["/login", "/", "/me", "/meetings/warm-up/live", "/meetings/warm-up/screen", "/j/00000000", "/api/auth/session"];

/**
 * The phones reconnecting after a restart join first: the warm-up starts this long after listening (a join needs no
 * Next route, and the loads would compete with it for the cores).
 */
export const WARM_UP_DELAY_MS = 3_000;

/** Requests each route once, in order, and logs how long it took; never throws. `stop()` true ends it early. */
export async function warmUp(baseUrl: string, stop: () => boolean, routes: readonly string[] = HALL_ROUTES): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_DELAY_MS).unref());
  const started = performance.now();
  let loaded = 0;
  for (const route of routes) {
    if (stop()) return;
    try {
      const response = await fetch(new URL(route, baseUrl), { redirect: "manual", signal: AbortSignal.timeout(60_000) });
      await response.arrayBuffer();
      loaded += 1;
    } catch {
      // A route that fails to load now fails for its first visitor too, with the error logged by that request.
    }
  }
  logger().info({ warm_up_ms: Math.round(performance.now() - started), routes: loaded }, "routes loaded");
}
