import { addTownshipAttendee } from "@/server/commands/township/addTownshipAttendee";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

export const dynamic = "force-dynamic";

/** The chair or the recorder records a township reviewer as 列席 (issue #20); the form returns to the meeting page. */
export const POST = writeRoute({
  params: ["meetingId"],
  command: addTownshipAttendee,
  form: (f) => ({ accountId: f.str("accountId") }),
  back: ({ meetingId }) => `/meetings/${encodeURIComponent(meetingId)}`,
  done: (_result, back) => `${withQuery(back, { done: "townshipAttendee" })}#township-attendee`,
});
