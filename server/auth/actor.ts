/**
 * Who asks for a command. `system` is the process itself (first start, the demo seed, CLI tools run by the
 * operator on the server); it is never reachable from HTTP or a socket.
 */
export type Actor = { kind: "system" } | { kind: "account"; accountId: string; name: string };

export const SYSTEM: Actor = { kind: "system" };

export function accountActor(accountId: string, name: string): Actor {
  return { kind: "account", accountId, name };
}
