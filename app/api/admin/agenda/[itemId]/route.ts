import { updateAgendaItem } from "@/server/commands/meeting/updateAgendaItem";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: updateAgendaItem, params: ["itemId"], form: (f) => ({ title: f.str("title"), matterId: f.nullable("matterId") }) });
