import { requestPreReview } from "@/server/commands/township/requestPreReview";
import { writeRoute } from "@/server/web/writeRoute";

/** The village asks the township to pre-review a matter's proposal (合法性预审) before its 决议 vote. */
export const POST = writeRoute({ command: requestPreReview, params: ["matterId"], form: () => ({}) });
