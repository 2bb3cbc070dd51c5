import { resetPassword } from "@/server/commands/account/resetPassword";
import { writeRoute } from "@/server/web/writeRoute";

/** An admin resets a member's forgotten password: answers the one new login code to hand to the member. */
export const POST = writeRoute({ params: ["orgId", "accountId"], body: "none", command: resetPassword });
