import type { NextRequest } from "next/server";
import { adminPost, withQuery } from "@/app/api/admin/post";
import { addSupervisionOpinion } from "@/server/commands/audit/addSupervisionOpinion";

export const dynamic = "force-dynamic";

/**
 * POST /api/audit/opinions — a supervisor's opinion (监督意见). JSON `{ orgId, text, meetingId?, motionId? }`, or the
 * console's plain form (fields orgId, text, motionId, back), which returns to the page with ?saved=1 or ?error=…
 */
export function POST(request: NextRequest) {
  return adminPost(request, {
    command: addSupervisionOpinion,
    fromForm: (form) => ({ orgId: form.str("orgId"), text: form.str("text"), meetingId: form.str("meetingId"), motionId: form.str("motionId") }),
    next: (_result, back) => `${withQuery(back, { saved: "1" })}#opinions`,
  });
}
