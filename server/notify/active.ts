/**
 * The providers this process uses: read from the environment once. Kept on globalThis because Next's bundle and the
 * server load separate copies of this module (DESIGN.md §1); both must see the same configuration.
 */
import { providersFromEnv, type Providers } from "./providers";

const KEY = "__yishiNotifyProviders";
type Holder = { [KEY]?: Providers };

export function activeProviders(): Providers {
  const holder = globalThis as Holder;
  holder[KEY] ??= providersFromEnv();
  return holder[KEY];
}

/** Replaces the configuration (the in-process tests point the adapters at local servers). */
export function setActiveProviders(providers: Providers): void {
  (globalThis as Holder)[KEY] = providers;
}
