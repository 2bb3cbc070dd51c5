/**
 * The township taking part in a village meeting (issue #20), pure. A reviewer (镇街工作人员) who attends is 列席 with
 * the title their township role gives, and may sign the minutes as a witness (见证). A witness is not one of the
 * signers the record requires (RULES.md §6: the chair, the recorder and the attendees): the minutes are signed off
 * ("所有应签字人已签字") without them, and a witness may still sign a version that is already complete.
 */
export const TOWNSHIP_REVIEWER_TITLE = "镇街工作人员";

/** How a witness signature reads on the minutes page, the print view and the PDF: 见证：<name>（<title>）. */
export function witnessLine(witness: { name: string; title: string }): string {
  return `见证：${witness.name}（${witness.title}）`;
}

/** How a 列席 attendee reads in the record: the name with the title and the unit when recorded. */
export function nonVotingLabel(attendee: { name: string; affiliation: string | null; title: string | null }): string {
  const about = [attendee.affiliation, attendee.title].filter((part): part is string => Boolean(part));
  return about.length > 0 ? `${attendee.name}（${about.join("，")}）` : attendee.name;
}
