import { acknowledgeNotice } from "@/server/commands/notify/acknowledgeNotice";
import { writeRoute } from "@/server/web/writeRoute";

/** A member signs for the meeting notice (签收) from 我的会议. */
export const POST = writeRoute({ command: (input, actor) => acknowledgeNotice(input, actor), params: ["meetingId"], form: () => ({}) });
