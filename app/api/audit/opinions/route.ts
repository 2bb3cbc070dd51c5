import { addSupervisionOpinion } from "@/server/commands/audit/addSupervisionOpinion";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

export const dynamic = "force-dynamic";

/**
 * POST /api/audit/opinions — a supervisor's opinion (监督意见). JSON `{ orgId, text, meetingId?, motionId?, matterId? }`, or the
 * console's plain form (fields orgId, text, motionId, back), which returns to the page with ?saved=1 or ?error=…
 */
export const POST = writeRoute({
  command: addSupervisionOpinion,
  form: (form) => ({
    orgId: form.str("orgId"),
    text: form.str("text"),
    meetingId: form.str("meetingId"),
    motionId: form.str("motionId"),
    matterId: form.str("matterId"),
  }),
  done: (_result, back) => `${withQuery(back, { saved: "1" })}#opinions`,
});
