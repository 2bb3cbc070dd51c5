import { getTranslations } from "next-intl/server";
import type { AdminMeeting } from "@/server/queries/adminMeetings";
import { Back } from "../../ui";

type Props = { meeting: AdminMeeting; editable: boolean; back: string; stageName: (stage: string) => string };

/** 议程: ordered items, each tied to a matter where it has one (the matter's page lists the meetings it came to). */
export async function AgendaSection({ meeting, editable, back, stageName }: Props) {
  const t = await getTranslations("adminMeetings");
  const matterOptions = (
    <>
      <option value="">{t("noMatter")}</option>
      {meeting.matters.map((m) => (
        <option key={m.id} value={m.id}>
          {m.title}（{stageName(m.stage)} · {m.orgName}）
        </option>
      ))}
    </>
  );
  return (
    <section className="card" aria-labelledby="agenda">
      <h2 id="agenda">{t("agenda")}</h2>
      {meeting.agenda.length === 0 ? <p>{t("noItems")}</p> : null}
      <ol className="list-plain">
        {meeting.agenda.map((item) => (
          <li key={item.id} className="card">
            <h3>
              {item.position}. {item.title}
            </h3>
            <p>
              {item.matter ? (
                <>
                  {t("matter")}：<a href={`/matters/${item.matter.id}`}>{item.matter.title}</a>（{stageName(item.matter.stage)}）
                </>
              ) : (
                t("noMatter")
              )}
            </p>
            {editable ? (
              <>
                <form method="post" action={`/api/admin/agenda/${item.id}`}>
                  <Back to={back} />
                  <label htmlFor={`item-title-${item.id}`}>{t("itemTitle")}</label>
                  <input id={`item-title-${item.id}`} name="title" type="text" required maxLength={200} defaultValue={item.title} />
                  <label htmlFor={`item-matter-${item.id}`}>{t("matter")}</label>
                  <select id={`item-matter-${item.id}`} name="matterId" defaultValue={item.matter?.id ?? ""}>
                    {matterOptions}
                  </select>
                  <div className="actions">
                    <button type="submit" className="secondary">
                      {t("saveItem")}
                    </button>
                  </div>
                </form>
                <form method="post" action={`/api/admin/agenda/${item.id}/delete`}>
                  <Back to={back} />
                  <button type="submit" className="secondary" aria-label={t("removeItemLabel", { title: item.title })}>
                    {t("removeItem")}
                  </button>
                </form>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <form method="post" action={`/api/admin/meetings/${meeting.id}/agenda`}>
          <Back to={back} />
          <h3>{t("addItem")}</h3>
          <label htmlFor="new-item-title">{t("itemTitle")}</label>
          <input id="new-item-title" name="title" type="text" required maxLength={200} />
          <label htmlFor="new-item-matter">{t("matter")}</label>
          <select id="new-item-matter" name="matterId" defaultValue="">
            {matterOptions}
          </select>
          <p className="hint">
            {t("matterHint")} <a href={`/admin/orgs/${meeting.orgId}/matters`}>{t("toMatters")}</a>
          </p>
          <p>
            <button type="submit">{t("addItemSubmit")}</button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
