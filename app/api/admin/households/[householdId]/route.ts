import { updateHousehold } from "@/server/commands/org/updateHousehold";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: updateHousehold, params: ["householdId"], form: (f) => ({ number: f.str("number"), head: f.str("head") ?? "" }) });
