import { decidePreReview } from "@/server/commands/township/decidePreReview";
import { writeRoute } from "@/server/web/writeRoute";

/** A township reviewer approves a pre-review (合法性预审) or returns it with reasons. */
export const POST = writeRoute({
  command: decidePreReview,
  params: ["preReviewId"],
  form: (f) => ({ decision: f.str("decision"), reasons: f.str("reasons") ?? "", title: f.str("title") || undefined }),
});
