/**
 * Login throttling (ASVS 6.3): after FREE_ATTEMPTS failures for a phone number, or for a client address, each
 * further attempt must wait twice as long as the one before (1 s, 2 s, 4 s … at most 15 min). A success clears the
 * phone's count. Kept in memory per node: several nodes each throttle on their own, which still bounds guessing.
 */
const FREE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60 * 1_000;
const MAX_DELAY_MS = 15 * 60 * 1_000;

type Record = { failures: number; last: number };
const KEY = "__yishiLoginThrottle";

function table(): Map<string, Record> {
  const holder = globalThis as { [KEY]?: Map<string, Record> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

function delayFor(record: Record | undefined, now: number): number {
  if (!record || now - record.last > WINDOW_MS || record.failures < FREE_ATTEMPTS) return 0;
  const delay = Math.min(MAX_DELAY_MS, 1_000 * 2 ** (record.failures - FREE_ATTEMPTS));
  return Math.max(0, record.last + delay - now);
}

/** Milliseconds to wait before this phone or address may try again (0: go ahead). */
export function loginWaitMs(phone: string, address: string, now = Date.now()): number {
  return Math.max(delayFor(table().get(`phone:${phone}`), now), delayFor(table().get(`ip:${address}`), now));
}

export function recordLoginFailure(phone: string, address: string, now = Date.now()): void {
  for (const key of [`phone:${phone}`, `ip:${address}`]) {
    const current = table().get(key);
    const fresh = !current || now - current.last > WINDOW_MS;
    table().set(key, { failures: fresh ? 1 : current.failures + 1, last: now });
  }
}

export function recordLoginSuccess(phone: string): void {
  table().delete(`phone:${phone}`);
}
