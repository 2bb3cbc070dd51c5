import { getTranslations } from "next-intl/server";
import { toDateInput, toLocalInput } from "./query";

type Values = {
  number: string;
  title: string;
  startsAt: Date;
  place: string;
  form: string;
  noticeDate: Date | null;
  convenerBasis: string;
  petitioners?: number | null;
  isPublic: boolean;
};

/** The details of a meeting (RULES.md §6: number, time, place, form, notice date, convener and basis). */
export async function MeetingFields({ values }: { values?: Values }) {
  const t = await getTranslations("adminMeetings");
  return (
    <>
      <label htmlFor="m-number">{t("number")}</label>
      <input id="m-number" name="number" type="text" required maxLength={40} defaultValue={values?.number ?? ""} placeholder={t("numberPlaceholder")} />
      <label htmlFor="m-title">{t("meetingTitle")}</label>
      <input id="m-title" name="title" type="text" required maxLength={120} defaultValue={values?.title ?? ""} />
      <label htmlFor="m-starts">{t("startsAt")}</label>
      <input id="m-starts" name="startsAt" type="datetime-local" required defaultValue={values ? toLocalInput(values.startsAt) : ""} />
      <label htmlFor="m-place">{t("place")}</label>
      <input id="m-place" name="place" type="text" required maxLength={120} defaultValue={values?.place ?? ""} />
      <label htmlFor="m-form">{t("form")}</label>
      <select id="m-form" name="form" defaultValue={values?.form ?? "in_person"}>
        {(["in_person", "online", "hybrid"] as const).map((form) => (
          <option key={form} value={form}>
            {t(`forms.${form}`)}
          </option>
        ))}
      </select>
      <label htmlFor="m-notice">{t("noticeDate")}</label>
      <input id="m-notice" name="noticeDate" type="date" defaultValue={values ? toDateInput(values.noticeDate) : ""} aria-describedby="m-notice-hint" />
      <div id="m-notice-hint" className="hint">
        {t("noticeHint")}
      </div>
      <label htmlFor="m-basis">{t("convenerBasis")}</label>
      <select id="m-basis" name="convenerBasis" defaultValue={values?.convenerBasis ?? "regular"}>
        <option value="regular">{t("basis.regular")}</option>
        <option value="petition">{t("basis.petition")}</option>
      </select>
      <label htmlFor="m-petitioners">{t("petitioners")}</label>
      <input
        id="m-petitioners"
        name="petitioners"
        type="number"
        min={1}
        className="short"
        aria-describedby="m-petitioners-hint"
        defaultValue={values?.petitioners ?? ""}
      />
      <div id="m-petitioners-hint" className="hint">
        {t("petitionersHint")}
      </div>
      <label className="check">
        <input type="checkbox" name="isPublic" value="1" defaultChecked={values?.isPublic ?? true} />
        {t("isPublic")}
      </label>
    </>
  );
}
