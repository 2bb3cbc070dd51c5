import type { NextRequest } from "next/server";
import { createBody } from "@/server/commands/body/createBody";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return adminPost(request, {
    command: createBody,
    params: { orgId },
    fromForm: (f) => ({ kind: f.str("kind"), name: f.str("name") }),
    next: (result) => `/admin/bodies/${result.id}`,
  });
}
