import type { NextResponse } from "next/server";
import { seeOther } from "@/server/http";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** Ends this browser's session (a form post, so it works without JavaScript). */
export async function POST(): Promise<NextResponse> {
  const response = seeOther("/login");
  for (const name of SESSION_COOKIES) response.cookies.set(name, "", { path: "/", maxAge: 0 });
  return response;
}
