import type { NextRequest } from "next/server";
import { coSignProposal } from "@/server/commands/proposal/coSignProposal";
import { adminPost } from "../../../admin/post";

/** An eligible resident co-signs (联名) a proposal, once. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ proposalId: string }> }) {
  const { proposalId } = await params;
  return adminPost(request, { command: coSignProposal, params: { proposalId }, fromForm: () => ({}) });
}
