import { currentAccount } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { respond } from "@/server/http";
import { deliveryBoard } from "@/server/queries/noticeDelivery";

export const dynamic = "force-dynamic";

/** The notice delivery log, the notice period and the quorum forecast: clerk, chair, recorder, supervisors. */
export async function GET(_request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return respond(async () => {
    const account = await currentAccount();
    if (!account) throw new AppError("unauthenticated", "login required");
    return deliveryBoard({ id: account.id, name: account.name }, meetingId);
  });
}
