import type { NextRequest } from "next/server";
import { setTownshipSettings } from "@/server/commands/township/setTownshipSettings";
import { adminPost } from "../../../admin/post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ townshipId: string }> }) {
  const { townshipId } = await params;
  return adminPost(request, {
    command: setTownshipSettings,
    params: { orgId: townshipId },
    fromForm: (f) => ({ preReviewKinds: f.all("preReviewKinds"), preReviewAmountYuan: f.int("preReviewAmountYuan") }),
  });
}
