import type { NextRequest } from "next/server";
import { scheduleMeeting } from "@/server/commands/meeting/scheduleMeeting";
import { meetingFromForm } from "../meetingForm";
import { adminPost } from "../post";

/** Schedules a meeting; a form goes on to the new meeting's page (agenda, materials). */
export function POST(request: NextRequest) {
  return adminPost(request, {
    command: scheduleMeeting,
    fromForm: (f) => {
      const agenda = f.all("agendaTitle").map((title) => ({ title }));
      return { bodyId: f.str("bodyId"), ...meetingFromForm(f, false), agenda };
    },
    next: (result) => `/admin/meetings/${result.id}?saved=1`,
  });
}
