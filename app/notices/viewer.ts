import { redirect } from "next/navigation";
import { currentAccount } from "@/server/auth/session";
import type { Viewer } from "@/server/queries/access";

/** The logged-in viewer of a desk page; anonymous visitors go to the login page. */
export async function deskViewer(): Promise<Viewer> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  return { id: account.id, name: account.name };
}

export type Query = Record<string, string | string[] | undefined>;

export function one(query: Query, key: string): string | undefined {
  const value = query[key];
  return Array.isArray(value) ? value[0] : value;
}
