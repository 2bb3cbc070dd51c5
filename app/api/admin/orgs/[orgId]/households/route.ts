import { createHousehold } from "@/server/commands/org/createHousehold";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: createHousehold, params: ["orgId"], form: (f) => ({ number: f.str("number"), head: f.str("head") }) });
