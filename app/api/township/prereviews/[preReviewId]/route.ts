import type { NextRequest } from "next/server";
import { decidePreReview } from "@/server/commands/township/decidePreReview";
import { adminPost } from "../../../admin/post";

export async function POST(request: NextRequest, { params }: { params: Promise<{ preReviewId: string }> }) {
  const { preReviewId } = await params;
  return adminPost(request, {
    command: decidePreReview,
    params: { preReviewId },
    fromForm: (f) => ({ decision: f.str("decision"), reasons: f.str("reasons") ?? "", title: f.str("title") || undefined }),
  });
}
