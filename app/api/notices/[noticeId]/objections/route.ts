import type { NextRequest } from "next/server";
import { fileObjection } from "@/server/commands/notice/fileObjection";
import { noticePost, withQuery } from "../../post";

/** POST {text}: a resident's objection to this notice, within its window. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ noticeId: string }> }) {
  const { noticeId } = await params;
  return noticePost(request, {
    command: (input, actor) => fileObjection(input, actor),
    params: { noticeId },
    fromForm: (f) => ({ text: f.str("text") ?? "" }),
    next: (_result, back) => `${withQuery(back, { done: "filed" })}#objections`,
  });
}
