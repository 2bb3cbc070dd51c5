/**
 * A fresh id for one intended vote. crypto.randomUUID exists only in secure contexts, and phones in a hall reach the
 * laptop over plain http on the LAN; getRandomValues works everywhere.
 */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
