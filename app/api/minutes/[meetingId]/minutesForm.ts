/** Where every minutes step (finalize, sign, correct, 代书, paper) returns without JavaScript: the minutes page. */
export const minutesPage = ({ meetingId }: { meetingId: string }) => `/meetings/${encodeURIComponent(meetingId)}/minutes`;

/** A string field of a JSON body or form, else undefined (the command's schema says what is missing). */
export const text = (input: Record<string, unknown>, name: string): string | undefined => (typeof input[name] === "string" ? input[name] : undefined);
