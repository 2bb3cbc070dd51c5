import type { NextRequest } from "next/server";
import { linkDecisionVote } from "@/server/commands/notice/linkDecisionVote";
import { noticePost, withQuery } from "../post";

/** POST {matterId, motionId, reason}: records a held decision vote on a matter (admins). */
export function POST(request: NextRequest) {
  return noticePost(request, {
    command: linkDecisionVote,
    needsConfirm: true,
    fromForm: (f) => ({ matterId: f.str("matterId"), motionId: f.str("motionId"), reason: f.str("reason") ?? "" }),
    next: (_result, back) => withQuery(back, { done: "linked" }),
  });
}
