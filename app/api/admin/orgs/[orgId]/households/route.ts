import type { NextRequest } from "next/server";
import { createHousehold } from "@/server/commands/org/createHousehold";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return adminPost(request, { command: createHousehold, params: { orgId }, fromForm: (f) => ({ number: f.str("number"), head: f.str("head") }) });
}
