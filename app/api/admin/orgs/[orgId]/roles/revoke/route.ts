import type { NextRequest } from "next/server";
import { revokeRole } from "@/server/commands/account/revokeRole";
import { adminPost } from "../../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return adminPost(request, { command: revokeRole, params: { orgId }, fromForm: (f) => ({ accountId: f.str("accountId"), role: f.str("role") }) });
}
