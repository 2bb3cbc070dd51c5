/** Who is behind a live connection (a socket): a signed-in account and its person, or null for an anonymous viewer. */
export type SocketIdentity = { accountId: string; name: string; personId: string | null } | null;
