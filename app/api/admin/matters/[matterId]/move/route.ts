import { moveMatter } from "@/server/commands/matter/moveMatter";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: moveMatter, params: ["matterId"], form: (f) => ({ to: f.str("to"), reason: f.str("reason") ?? "" }) });
