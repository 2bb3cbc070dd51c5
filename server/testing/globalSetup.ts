import { buildIfNeeded } from "../../scripts/buildIfNeeded.mjs";

/** Integration tests start the real server, which serves the production build: make sure it is current. */
export default function setup(): void {
  buildIfNeeded({ quiet: true });
}
