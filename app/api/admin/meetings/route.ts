import { scheduleMeeting } from "@/server/commands/meeting/scheduleMeeting";
import { writeRoute } from "@/server/web/writeRoute";
import { meetingFromForm } from "../meetingForm";

/** Schedules a meeting; a form goes on to the new meeting's page (agenda, materials). */
export const POST = writeRoute({
  command: scheduleMeeting,
  form: (f) => {
    const agenda = f.all("agendaTitle").map((title) => ({ title }));
    return { bodyId: f.str("bodyId"), ...meetingFromForm(f, false), agenda };
  },
  done: (result) => `/admin/meetings/${result.id}?saved=1`,
});
