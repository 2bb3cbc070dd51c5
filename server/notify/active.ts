/**
 * The providers this process uses: read from the environment once. Kept on globalThis because Next's bundle and the
 * server load separate copies of this module (DESIGN.md §1); both must see the same configuration.
 */

import { processSlot } from "../singleton";
import { type Providers, providersFromEnv } from "./providers";

const active = processSlot<Providers>("__yishiNotifyProviders");

export function activeProviders(): Providers {
  return active.get() ?? active.set(providersFromEnv());
}

/** Replaces the configuration (the in-process tests point the adapters at local servers). */
export function setActiveProviders(providers: Providers): void {
  active.set(providers);
}
