import { coSignProposal } from "@/server/commands/proposal/coSignProposal";
import { writeRoute } from "@/server/web/writeRoute";

/** An eligible resident co-signs (联名) a proposal, once. */
export const POST = writeRoute({ command: coSignProposal, params: ["proposalId"], form: () => ({}) });
