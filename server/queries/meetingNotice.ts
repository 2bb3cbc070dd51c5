import { canReadMeeting } from "../auth/permissions";
import { currentDb } from "../db";
import { convenerOf, PETITION_RULES } from "../domain/meeting/convening";
import { bodyKindOf, charterSchema, citationText, describeBodyRules, type Localized, shanghaiDate } from "../domain/rules";
import { AppError } from "../errors";
import { firstNoticeDelivery } from "../notify/evidence";
import { actorOf, type Viewer } from "./access";

export type MeetingNotice = {
  id: string;
  orgId: string;
  orgName: string;
  bodyName: string;
  number: string;
  title: string;
  startsAt: Date;
  place: string;
  form: string;
  state: string;
  isPublic: boolean;
  agenda: { position: number; title: string; matter: string | null; rule: Localized; legalBasis: string[] }[];
  materials: { id: string; filename: string }[];
  convener: Localized | null;
  convenerBasis: Localized;
  chair: string | null;
  issuedAt: Date | null;
  roster: { personId: string; name: string }[];
};

/**
 * The 会议通知 built from the scheduled meeting (RULES.md §6 notice fields): body, number, time, place, form, agenda
 * with each item's matter and the rule it will be decided by, materials, the convener and the basis. A public
 * meeting's notice is public; otherwise whoever may read the meeting.
 */
/** `authorized`: the caller has checked the reader already (the archive package), so a closed meeting is read too. */
export async function meetingNotice(viewer: Viewer | null, meetingId: string, authorized = false): Promise<MeetingNotice> {
  const { prisma } = currentDb();
  const meeting = await prisma.meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      orgId: true,
      bodyId: true,
      number: true,
      title: true,
      startsAt: true,
      place: true,
      form: true,
      state: true,
      isPublic: true,
      convenerBasis: true,
      petitioners: true,
      org: { select: { name: true } },
      body: {
        select: {
          name: true,
          kind: true,
          charter: true,
          chair: { select: { name: true } },
          members: { select: { person: { select: { id: true, name: true } } } },
        },
      },
      agenda: { orderBy: { position: "asc" }, select: { position: true, title: true, matter: { select: { title: true, kind: true } } } },
      materials: { orderBy: { createdAt: "asc" }, select: { id: true, filename: true } },
    },
  });
  if (!meeting || meeting.state === "draft") throw new AppError("not_found", "meeting not found");
  if (!authorized && !meeting.isPublic && (!viewer || !(await canReadMeeting(prisma, actorOf(viewer), meeting)))) {
    throw new AppError(viewer ? "forbidden" : "unauthenticated", "this meeting is not public");
  }
  const kind = bodyKindOf(meeting.body.kind);
  const parsed = charterSchema.safeParse(meeting.body.charter ?? {});
  const rules = describeBodyRules(
    kind,
    parsed.success ? { ...(parsed.data.quorum ? { quorum: parsed.data.quorum } : {}), ...(parsed.data.pass ? { pass: parsed.data.pass } : {}) } : undefined,
  );
  const day = shanghaiDate(meeting.startsAt);
  const convener = convenerOf(kind, day);
  const petition = PETITION_RULES[kind];
  const convenerBasis: Localized =
    meeting.convenerBasis === "petition"
      ? {
          "zh-CN": `经${meeting.petitioners ?? "?"}人提议召集${petition ? `（${citationText(petition.basis, day)}）` : ""}`,
          en: `convened on a petition of ${meeting.petitioners ?? "?"}${petition ? ` (${citationText(petition.basis, day)})` : ""}`,
        }
      : { "zh-CN": `例行召集${convener ? `（${convener.legalBasis}）` : ""}`, en: `regular meeting${convener ? ` (${convener.legalBasis})` : ""}` };
  return {
    id: meeting.id,
    orgId: meeting.orgId,
    orgName: meeting.org.name,
    bodyName: meeting.body.name,
    number: meeting.number,
    title: meeting.title,
    startsAt: meeting.startsAt,
    place: meeting.place,
    form: meeting.form,
    state: meeting.state,
    isPublic: meeting.isPublic,
    agenda: meeting.agenda.map((item) => {
      const matter = rules.matters.find((m) => m.matter === (item.matter?.kind ?? "general"));
      return {
        position: item.position,
        title: item.title,
        matter: item.matter?.title ?? null,
        rule: matter?.pass ?? rules.pass.text,
        legalBasis: matter?.legalBasis ?? rules.pass.legalBasis,
      };
    }),
    materials: meeting.materials,
    convener: convener?.who ?? null,
    convenerBasis,
    chair: meeting.body.chair?.name ?? null,
    issuedAt: await firstNoticeDelivery(prisma, meeting.id),
    roster: meeting.body.members.map((m) => ({ personId: m.person.id, name: m.person.name })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
  };
}
