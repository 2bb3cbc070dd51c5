import { revokeRole } from "@/server/commands/account/revokeRole";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: revokeRole, params: ["orgId"], form: (f) => ({ accountId: f.str("accountId"), role: f.str("role") }) });
