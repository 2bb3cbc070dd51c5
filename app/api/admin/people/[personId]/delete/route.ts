import { deletePerson } from "@/server/commands/org/deletePerson";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: deletePerson, params: ["personId"], form: () => ({}) });
