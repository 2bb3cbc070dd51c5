import type { NextRequest } from "next/server";
import { updatePerson } from "@/server/commands/org/updatePerson";
import { adminPost } from "../../post";
import { personFromForm } from "../../personForm";

export async function POST(request: NextRequest, { params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  return adminPost(request, { command: updatePerson, params: { personId }, fromForm: (f) => personFromForm(f, true) });
}
