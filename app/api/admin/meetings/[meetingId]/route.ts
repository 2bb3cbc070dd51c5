import { updateMeeting } from "@/server/commands/meeting/updateMeeting";
import { writeRoute } from "@/server/web/writeRoute";
import { meetingFromForm } from "../../meetingForm";

export const POST = writeRoute({ command: updateMeeting, params: ["meetingId"], form: (f) => meetingFromForm(f, true) });
