/**
 * One value per process. Next's bundle and the tsx server load separate copies of every module (DESIGN.md §1), so
 * module-level state would exist twice; globalThis is the one object both copies see. `key` names the value there.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const holder = globalThis as Record<string, unknown>;
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
