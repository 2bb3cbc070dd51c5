import { sendMeetingNotice } from "@/server/commands/notify/sendMeetingNotice";
import { kickOutbox } from "@/server/notify/outbox";
import { writeRoute } from "@/server/web/writeRoute";

/** The clerk issues the meeting notice through the chosen channels; SMS and WeCom leave through the outbox after commit. */
export const POST = writeRoute({
  params: ["meetingId"],
  command: async (input, actor) => {
    try {
      return await sendMeetingNotice(input, actor);
    } finally {
      kickOutbox();
    }
  },
  form: (f) => ({ channels: f.all("channels") }),
});
