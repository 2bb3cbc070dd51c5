import { submitProposal } from "@/server/commands/proposal/submitProposal";
import { writeRoute } from "@/server/web/writeRoute";

/** A resident raises a topic for the village (议题征集) from their phone. */
export const POST = writeRoute({ command: submitProposal, form: (f) => ({ orgId: f.str("orgId"), title: f.str("title"), description: f.str("description") }) });
