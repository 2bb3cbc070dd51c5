import type { NextRequest } from "next/server";
import { setNoticeDays } from "@/server/commands/notice/setNoticeDays";
import { noticePost, withQuery } from "../../../post";

/** POST {noticeDays}: the organization's default notice period. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return noticePost(request, {
    command: setNoticeDays,
    params: { orgId },
    fromForm: (f) => ({ noticeDays: f.int("noticeDays") }),
    next: (_result, back) => withQuery(back, { done: "days" }),
  });
}
