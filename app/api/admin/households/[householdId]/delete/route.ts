import { deleteHousehold } from "@/server/commands/org/deleteHousehold";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: deleteHousehold, params: ["householdId"], form: () => ({}) });
