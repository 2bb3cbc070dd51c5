import { linkDecisionVote } from "@/server/commands/notice/linkDecisionVote";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** POST {matterId, motionId, reason}: records a held decision vote on a matter (admins). */
export const POST = writeRoute({
  fallback: "/",
  loggedOut: "back",
  command: linkDecisionVote,
  confirm: true,
  form: (f) => ({ matterId: f.str("matterId"), motionId: f.str("motionId"), reason: f.text("reason") ?? "" }),
  done: (_result, back) => withQuery(back, { done: "linked" }),
});
