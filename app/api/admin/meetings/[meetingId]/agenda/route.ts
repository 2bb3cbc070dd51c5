import { addAgendaItem } from "@/server/commands/meeting/addAgendaItem";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({
  command: addAgendaItem,
  params: ["meetingId"],
  form: (f) => ({ title: f.str("title"), matterId: f.str("matterId") ?? null }),
});
