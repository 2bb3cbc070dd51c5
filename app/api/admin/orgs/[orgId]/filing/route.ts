import { fileMatters } from "@/server/commands/township/fileMatters";
import { writeRoute } from "@/server/web/writeRoute";

/** The village files (备案) its major matters with the township. */
export const POST = writeRoute({ command: fileMatters, params: ["orgId"], form: (f) => ({ matterIds: f.all("matterIds") }) });
