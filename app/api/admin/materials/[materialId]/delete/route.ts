import type { NextRequest } from "next/server";
import { removeMaterial } from "@/server/commands/meeting/removeMaterial";
import { adminPost } from "../../../post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ materialId: string }> }) {
  const { materialId } = await params;
  return adminPost(request, { command: removeMaterial, params: { materialId }, fromForm: () => ({}) });
}
