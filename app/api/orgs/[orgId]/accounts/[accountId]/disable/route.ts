import { setAccountDisabled } from "@/server/commands/security/revokeSessions";
import { writeRoute } from "@/server/web/writeRoute";

/** An admin disables or re-enables an account of their organization: JSON { disabled: boolean }. */
export const POST = writeRoute({
  params: ["orgId", "accountId"],
  command: (input, actor) => setAccountDisabled({ orgId: input.orgId, accountId: input.accountId, disabled: input.disabled }, actor),
});
