import type { NextRequest } from "next/server";
import { setOfficers } from "@/server/commands/body/setOfficers";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ bodyId: string }> }) {
  const { bodyId } = await params;
  return adminPost(request, {
    command: setOfficers,
    params: { bodyId },
    fromForm: (f) => ({ chairId: f.str("chairId") ?? null, recorderId: f.str("recorderId") ?? null }),
  });
}
