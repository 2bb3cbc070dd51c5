import { parse } from "cookie";
import { getToken } from "next-auth/jwt";
import type { Socket } from "socket.io";
import { currentAccountOfToken, type SocketIdentity } from "../auth/identity";

export type { SocketIdentity } from "../auth/identity";

/**
 * Reads the next-auth session from the handshake's cookie, as the HTTP side does. getToken needs a request-like
 * object with parsed cookies: socket.request itself does not work. Under https the cookie carries the __Secure- prefix.
 */
export async function identify(socket: Socket): Promise<SocketIdentity> {
  const headers = socket.request.headers;
  const cookies = parse(headers.cookie ?? "");
  const secure = headers["x-forwarded-proto"] === "https" || (socket.request.socket as { encrypted?: boolean }).encrypted === true;
  const token = await getToken({
    req: { headers: headers as Record<string, string>, cookies } as never,
    secret: process.env.NEXTAUTH_SECRET,
    secureCookie: secure,
  });
  if (!token?.sub) return null;
  if (typeof token.exp === "number") socket.data.sessionExpiresAt = token.exp * 1_000;
  const account = await currentAccountOfToken(token.sub, token.tv);
  if (!account) return null;
  return { accountId: account.id, name: account.displayName, personId: account.personId };
}

/**
 * Handshake middleware: every socket is identified from its session cookie. A socket without a session connects as
 * anonymous (identity null): the only thing it may do is join the observer room of a public meeting; every other
 * event refuses it with `unauthenticated`.
 */
export async function authenticateHandshake(socket: Socket, next: (error?: Error) => void): Promise<void> {
  try {
    socket.data.identity = await identify(socket);
    next();
  } catch {
    next(Object.assign(new Error("internal error"), { data: { code: "internal", message: "internal error" } }));
  }
}
