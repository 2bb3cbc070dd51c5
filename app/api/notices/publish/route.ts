import type { NextRequest } from "next/server";
import type { Actor } from "@/server/commands/actor";
import { publishDecision } from "@/server/commands/notice/publishDecision";
import { publishResult } from "@/server/commands/notice/publishResult";
import { AppError } from "@/server/errors";
import { noticePost, withQuery } from "../post";

/** POST {kind: "decision" | "result", matterId, title?, body?, periodDays?}: 决议公开 or 实施结果公开. */
function publish(input: unknown, actor: Actor) {
  const { kind, ...rest } = (input ?? {}) as { kind?: unknown };
  if (kind === "decision") return publishDecision(rest, actor);
  if (kind === "result") return publishResult(rest, actor);
  throw new AppError("invalid_input", "kind is decision or result", { field: "kind" });
}

export function POST(request: NextRequest) {
  return noticePost(request, {
    command: publish,
    needsConfirm: true,
    fromForm: (f) => ({ kind: f.str("kind"), matterId: f.str("matterId"), title: f.str("title"), body: f.str("body"), periodDays: f.int("periodDays") }),
    next: (result, back) => withQuery(back, { done: `published:${result.id}` }),
  });
}
