import { grantRole } from "@/server/commands/account/grantRole";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: grantRole, params: ["orgId"], form: (f) => ({ accountId: f.str("accountId"), role: f.str("role") }) });
