import type { NextRequest } from "next/server";
import { answerProposal } from "@/server/commands/proposal/answerProposal";
import { adminPost } from "../../../admin/post";

/** The admin answers a proposal publicly with reasons, or makes it a matter (S0). */
export async function POST(request: NextRequest, { params }: { params: Promise<{ proposalId: string }> }) {
  const { proposalId } = await params;
  return adminPost(request, { command: answerProposal, params: { proposalId }, fromForm: (f) => ({ outcome: f.str("outcome"), ...(f.str("outcome") === "answer" ? { answer: f.str("answer") } : {}) }) });
}
