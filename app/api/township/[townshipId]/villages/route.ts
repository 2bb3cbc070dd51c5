import type { NextRequest } from "next/server";
import { createVillage } from "@/server/commands/township/createVillage";
import { adminPost } from "../../../admin/post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ townshipId: string }> }) {
  const { townshipId } = await params;
  return adminPost(request, {
    command: createVillage,
    params: { townshipId },
    fromForm: (f) => ({ name: f.str("name"), adminPhone: f.str("adminPhone"), adminName: f.str("adminName"), adminPassword: f.str("adminPassword") }),
  });
}
