import { sendMeetingNotice } from "@/server/commands/notify/sendMeetingNotice";
import { writeRoute } from "@/server/web/writeRoute";

/** The clerk issues the meeting notice through the chosen channels; SMS and WeCom leave through the outbox after commit. */
export const POST = writeRoute({ params: ["meetingId"], command: sendMeetingNotice, form: (f) => ({ channels: f.all("channels") }) });
