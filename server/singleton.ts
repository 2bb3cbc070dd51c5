/**
 * One value per process. Next's bundle and the tsx server load separate copies of every module (DESIGN.md §1), so
 * module-level state would exist twice; globalThis is the one object both copies see. `key` names the value there.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const holder = globalThis as Record<string, unknown>;
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

export type ProcessSlot<T> = {
  get(): T | undefined;
  /** Stores the value and returns it. */
  set(value: T): T;
  clear(): void;
};

/** A per-process value that is installed, replaced or dropped later (the runtime, caches that a test or tool resets). */
export function processSlot<T>(key: string): ProcessSlot<T> {
  const holder = globalThis as Record<string, unknown>;
  return {
    get: () => holder[key] as T | undefined,
    set: (value) => {
      holder[key] = value;
      return value;
    },
    clear: () => {
      delete holder[key];
    },
  };
}
