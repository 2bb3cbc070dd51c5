"use client";

import { useSyncExternalStore } from "react";

const never = () => () => undefined;

/**
 * False in the server's HTML and while React hydrates this component, true from then on. Pages paint their controls
 * before their script has run; a tap in that moment would have no handler and be lost without a word (or submit a
 * form natively), so the controls stay disabled until they can act.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
