import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { myMeetings } from "@/server/queries/myMeetings";

export const dynamic = "force-dynamic";

/** The meetings the logged-in account takes part in. */
export function GET() {
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return myMeetings(account.id);
  });
}
