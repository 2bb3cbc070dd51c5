import { removeAgendaItem } from "@/server/commands/meeting/removeAgendaItem";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: removeAgendaItem, params: ["itemId"], form: () => ({}) });
