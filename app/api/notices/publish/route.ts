import type { Actor } from "@/server/commands/actor";
import { publishDecision } from "@/server/commands/notice/publishDecision";
import { publishResult } from "@/server/commands/notice/publishResult";
import { AppError } from "@/server/errors";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** POST {kind: "decision" | "result", matterId, title?, body?, periodDays?}: 决议公开 or 实施结果公开. */
function publish(input: unknown, actor: Actor) {
  const { kind, ...rest } = (input ?? {}) as { kind?: unknown };
  if (kind === "decision") return publishDecision(rest, actor);
  if (kind === "result") return publishResult(rest, actor);
  throw new AppError("invalid_input", "kind is decision or result", { field: "kind" });
}

export const POST = writeRoute({
  fallback: "/",
  loggedOut: "back",
  command: publish,
  confirm: true,
  form: (f) => ({ kind: f.str("kind"), matterId: f.str("matterId"), title: f.text("title"), body: f.text("body"), periodDays: f.int("periodDays") }),
  done: (result, back) => withQuery(back, { done: `published:${result.id}` }),
});
