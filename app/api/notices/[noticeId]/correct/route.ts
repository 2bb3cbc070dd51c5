import type { NextRequest } from "next/server";
import { correctNotice } from "@/server/commands/notice/correctNotice";
import { noticePost, withQuery } from "../../post";

/** POST {reason, title?, body?, periodDays?}: a correction notice superseding this one. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ noticeId: string }> }) {
  const { noticeId } = await params;
  return noticePost(request, {
    command: (input, actor) => correctNotice(input, actor),
    params: { noticeId },
    needsConfirm: true,
    fromForm: (f) => ({ reason: f.str("reason") ?? "", title: f.str("title"), body: f.str("body"), periodDays: f.int("periodDays") }),
    next: (result, back) => withQuery(back, { done: `corrected:${result.id}` }),
  });
}
