import type { NextRequest } from "next/server";
import { fileMatters } from "@/server/commands/township/fileMatters";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return adminPost(request, { command: fileMatters, params: { orgId }, fromForm: (f) => ({ matterIds: f.all("matterIds") }) });
}
