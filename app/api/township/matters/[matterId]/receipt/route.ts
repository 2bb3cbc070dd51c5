import { acknowledgeFiling } from "@/server/commands/township/acknowledgeFiling";
import { writeRoute } from "@/server/web/writeRoute";

/** The township acknowledges a village's filing (备案回执): the receipt is an entry of the village's own log. */
export const POST = writeRoute({ command: acknowledgeFiling, params: ["matterId"], form: () => ({}) });
