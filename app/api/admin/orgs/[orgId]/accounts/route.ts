import type { NextRequest } from "next/server";
import { createAccount } from "@/server/commands/org/createAccount";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return adminPost(request, {
    command: createAccount,
    params: { orgId },
    fromForm: (f) => ({
      personId: f.str("personId"),
      phone: f.str("phone"),
      displayName: f.str("displayName"),
      password: f.raw("password") ?? "",
      roles: f.all("roles"),
    }),
  });
}
