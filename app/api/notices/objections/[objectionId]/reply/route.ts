import type { NextRequest } from "next/server";
import { replyToObjection } from "@/server/commands/notice/replyToObjection";
import { noticePost, withQuery } from "../../../post";

/** POST {text}: a supervisor's published reply to one objection. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ objectionId: string }> }) {
  const { objectionId } = await params;
  return noticePost(request, {
    command: (input, actor) => replyToObjection(input, actor),
    params: { objectionId },
    needsConfirm: true,
    fromForm: (f) => ({ text: f.str("text") ?? "" }),
    next: (_result, back) => withQuery(back, { done: "replied" }),
  });
}
