import type { NextRequest, NextResponse } from "next/server";
import { currentAccount } from "@/server/auth/session";
import { accountActor } from "@/server/commands/actor";
import { castVote } from "@/server/commands/live/castVote";
import { isAppError } from "@/server/errors";
import { readForm, seeOther } from "@/server/http";

/**
 * The plain-form vote: where the page's JavaScript did not load (an old phone, a chat app's browser), the
 * server-rendered form posts here and the same command records the vote. A resubmitted form carries the same
 * client id, so it is the same vote. The meeting in the path goes into the command, which refuses a motion of
 * another meeting before writing anything. The rooms get the new count from the command's after-commit event.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ meetingId: string }> }): Promise<NextResponse> {
  const { meetingId } = await params;
  const back = `/meetings/${encodeURIComponent(meetingId)}/live`;
  const account = await currentAccount();
  if (!account) return seeOther(`/login`);
  const form = await readForm(request).catch(() => null);
  if (!form) return seeOther(`${back}?error=invalid_input`);
  const field = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : undefined);
  try {
    const outcome = await castVote(
      { meetingId, motionId: field("motionId"), choice: field("choice"), voterPersonId: field("voterPersonId"), clientId: field("clientId") },
      accountActor(account.id, account.name),
    );
    return seeOther(`${back}?voted=${outcome.choice ?? "secret"}`);
  } catch (error) {
    return seeOther(`${back}?error=${isAppError(error) ? error.code : "internal"}`);
  }
}
