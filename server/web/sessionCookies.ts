import { seeOther } from "../http";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** To the login page with this browser's session cookie cleared (both names: plain HTTP and behind https). */
export function signedOut(): Response {
  const response = seeOther("/login");
  for (const name of SESSION_COOKIES) response.cookies.set(name, "", { path: "/", maxAge: 0 });
  return response;
}
