import { updateMeeting } from "@/server/commands/meeting/updateMeeting";
import { meetingFromForm } from "../../meetingForm";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: updateMeeting, params: ["meetingId"], form: (f) => meetingFromForm(f, true) });
