import { fromChinaDateTimeInput } from "@/server/time";
import type { FormReader } from "@/server/web/formReader";

/** `2026-12-01T09:30` from a datetime-local input is a time in Asia/Shanghai (UTC+8 all year, no DST). */
export function shanghaiDateTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return fromChinaDateTimeInput(value);
}

/** The meeting form's fields; on editing, an empty notice date clears it (null). */
export function meetingFromForm(f: FormReader, isEdit: boolean): Record<string, unknown> {
  const basis = f.str("convenerBasis");
  return {
    number: f.str("number"),
    title: f.str("title"),
    startsAt: shanghaiDateTime(f.str("startsAt")),
    place: f.str("place"),
    form: f.str("form"),
    noticeDate: isEdit ? (f.nullable("noticeDate") ?? null) : f.str("noticeDate"),
    convenerBasis: basis,
    petitioners: basis === "petition" ? f.int("petitioners") : isEdit ? null : undefined,
    isPublic: f.bool("isPublic"),
  };
}
