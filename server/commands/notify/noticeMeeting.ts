import type { AuditActor } from "../../audit/append";
import { requireBodyRole } from "../../auth/permissions";
import { AppError } from "../../errors";
import type { Actor } from "../actor";
import type { Tx } from "../run";

export type NoticeMeeting = {
  id: string;
  orgId: string;
  bodyId: string;
  bodyKind: string;
  form: string;
  state: string;
  startsAt: Date;
  /** Roster members with the phone to reach them (the person's own, else their login's). */
  roster: { personId: string; name: string; phone: string | null }[];
};

export async function noticeMeeting(tx: Tx, meetingId: string): Promise<NoticeMeeting> {
  const meeting = await tx.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      orgId: true,
      bodyId: true,
      form: true,
      state: true,
      startsAt: true,
      body: {
        select: { kind: true, members: { select: { person: { select: { id: true, name: true, phone: true, account: { select: { phone: true } } } } } } },
      },
    },
  });
  if (!meeting) throw new AppError("not_found", "meeting not found", { field: "meetingId" });
  return {
    id: meeting.id,
    orgId: meeting.orgId,
    bodyId: meeting.bodyId,
    bodyKind: meeting.body.kind,
    form: meeting.form,
    state: meeting.state,
    startsAt: meeting.startsAt,
    roster: meeting.body.members.map(({ person }) => ({ personId: person.id, name: person.name, phone: person.phone ?? person.account?.phone ?? null })),
  };
}

/** Notices, receipts and intents belong to the time before the meeting opens. */
export function requireBeforeMeeting(state: string): void {
  if (state !== "scheduled" && state !== "draft") {
    throw new AppError("conflict", "the meeting has already started", { field: "meetingId", details: { reason: "started" } });
  }
}

/** The person behind a signed-in account, who must hold a seat on the meeting's roster. */
export async function rosterPersonOf(tx: Tx, accountId: string, meeting: NoticeMeeting): Promise<string> {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: { personId: true } });
  const personId = account?.personId ?? null;
  if (!personId || !meeting.roster.some((m) => m.personId === personId)) {
    throw new AppError("forbidden", "only members of this body", { details: { reason: "not_member" } });
  }
  return personId;
}

/**
 * A member acting on their own notice before the meeting (签收, 请假, 线上参会): signed in, holding a seat on the
 * meeting's body, and the meeting not yet opened.
 */
export async function memberBeforeMeeting(
  tx: Tx,
  actor: Actor,
  meetingId: string,
): Promise<{ meeting: NoticeMeeting; auditActor: AuditActor; personId: string }> {
  if (actor.kind !== "account") throw new AppError("forbidden", "members only");
  const meeting = await noticeMeeting(tx, meetingId);
  const auditActor = await requireBodyRole(tx, actor, meeting.bodyId, ["member"]).catch(() => {
    throw new AppError("forbidden", "only members of this body", { details: { reason: "not_member" } });
  });
  const personId = await rosterPersonOf(tx, actor.accountId, meeting);
  requireBeforeMeeting(meeting.state);
  return { meeting, auditActor, personId };
}
