import type { NextRequest } from "next/server";
import { updateHousehold } from "@/server/commands/org/updateHousehold";
import { adminPost } from "../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ householdId: string }> }) {
  const { householdId } = await params;
  return adminPost(request, { command: updateHousehold, params: { householdId }, fromForm: (f) => ({ number: f.str("number"), head: f.str("head") ?? "" }) });
}
