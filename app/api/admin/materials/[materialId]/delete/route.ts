import { removeMaterial } from "@/server/commands/meeting/removeMaterial";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({ command: removeMaterial, params: ["materialId"], form: () => ({}) });
