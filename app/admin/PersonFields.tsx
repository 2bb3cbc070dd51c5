import { getTranslations } from "next-intl/server";
import type { AdminHousehold } from "@/server/queries/adminPeople";

type Values = {
  name?: string;
  phone?: string | null;
  householdId?: string | null;
  gender?: "female" | "male";
  isAdult?: boolean;
  isPartyMember?: boolean;
  isCoopMember?: boolean;
  idNumberMasked?: string | null;
};

/**
 * The fields of a person, shared by "add" and "edit". The 身份证号 is optional and never shown back in full: on edit
 * the masked form says one is registered, and an empty field leaves it as it is.
 */
export async function PersonFields({ idPrefix, households, values = {} }: { idPrefix: string; households: AdminHousehold[]; values?: Values }) {
  const t = await getTranslations("adminPeople");
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <label htmlFor={id("name")}>{t("name")}</label>
      <input id={id("name")} name="name" type="text" required maxLength={40} defaultValue={values.name ?? ""} autoComplete="off" />
      <label htmlFor={id("phone")}>{t("phone")}</label>
      <input
        id={id("phone")}
        name="phone"
        type="tel"
        inputMode="numeric"
        pattern="1[3-9][0-9]{9}"
        maxLength={11}
        defaultValue={values.phone ?? ""}
        aria-describedby={id("phone-hint")}
        autoComplete="off"
      />
      <div id={id("phone-hint")} className="hint">
        {t("phoneHint")}
      </div>
      <label htmlFor={id("idNumber")}>{t("idNumber")}</label>
      <input id={id("idNumber")} name="idNumber" type="text" maxLength={22} autoComplete="off" spellCheck={false} aria-describedby={id("idNumber-hint")} />
      <div id={id("idNumber-hint")} className="hint">
        {values.idNumberMasked ? t("idNumberRegistered", { masked: values.idNumberMasked }) : null}
        {t("idNumberHint")}
      </div>
      <label htmlFor={id("household")}>{t("household")}</label>
      <select id={id("household")} name="householdId" defaultValue={values.householdId ?? ""}>
        <option value="">{t("noHousehold")}</option>
        {households.map((h) => (
          <option key={h.id} value={h.id}>
            {h.number}
            {h.head ? `（${h.head}）` : ""}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t("gender")}</legend>
        <label className="check">
          <input type="radio" name="gender" value="male" required defaultChecked={values.gender === "male"} />
          {t("male")}
        </label>
        <label className="check">
          <input type="radio" name="gender" value="female" defaultChecked={values.gender === "female"} />
          {t("female")}
        </label>
      </fieldset>
      <label className="check">
        <input type="checkbox" name="isAdult" value="1" defaultChecked={values.isAdult ?? true} />
        {t("isAdult")}
      </label>
      <label className="check">
        <input type="checkbox" name="isPartyMember" value="1" defaultChecked={values.isPartyMember ?? false} />
        {t("isPartyMember")}
      </label>
      <label className="check">
        <input type="checkbox" name="isCoopMember" value="1" defaultChecked={values.isCoopMember ?? false} />
        {t("isCoopMember")}
      </label>
    </>
  );
}
