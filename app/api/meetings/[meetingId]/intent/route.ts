import { declareAttendanceIntent } from "@/server/commands/notify/declareAttendanceIntent";
import { writeRoute } from "@/server/web/writeRoute";

/** A member asks for leave (请假) with a reason, or says they will attend online or in person. */
export const POST = writeRoute({
  command: (input, actor) => declareAttendanceIntent(input, actor),
  params: ["meetingId"],
  form: (f) => ({ kind: f.str("kind"), reason: f.str("reason") }),
});
