import { buildIfNeeded } from "../../scripts/buildIfNeeded.mjs";

/**
 * Integration tests start the real server, which serves the production build: make sure it is current.
 * YISHI_SKIP_BUILD=1 skips this for runs of pure unit tests only.
 */
export default function setup(): void {
  if (process.env.YISHI_SKIP_BUILD !== "1") buildIfNeeded({ quiet: true });
}
