import type { NextRequest } from "next/server";
import { grantRole } from "@/server/commands/account/grantRole";
import { adminPost } from "../../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return adminPost(request, { command: grantRole, params: { orgId }, fromForm: (f) => ({ accountId: f.str("accountId"), role: f.str("role") }) });
}
