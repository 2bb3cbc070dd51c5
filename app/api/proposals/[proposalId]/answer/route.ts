import { answerProposal } from "@/server/commands/proposal/answerProposal";
import { writeRoute } from "@/server/web/writeRoute";

/** The admin answers a proposal publicly with reasons, or makes it a matter (S0). */
export const POST = writeRoute({
  command: answerProposal,
  params: ["proposalId"],
  form: (f) => ({ outcome: f.str("outcome"), ...(f.str("outcome") === "answer" ? { answer: f.str("answer") } : {}) }),
});
