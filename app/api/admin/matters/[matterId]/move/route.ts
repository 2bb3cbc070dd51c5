import type { NextRequest } from "next/server";
import { moveMatter } from "@/server/commands/matter/moveMatter";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ matterId: string }> }) {
  const { matterId } = await params;
  return adminPost(request, { command: moveMatter, params: { matterId }, fromForm: (f) => ({ to: f.str("to"), reason: f.str("reason") ?? "" }) });
}
