import { getTranslations } from "next-intl/server";
import type { AdminMeeting } from "@/server/queries/adminMeetings";
import { sizeText } from "../../query";
import { Back } from "../../ui";

/** 会议材料: PDF and images up to 20 MB each, checked by their content; members open them from the meeting's page. */
export async function MaterialsSection({ meeting, editable, back }: { meeting: AdminMeeting; editable: boolean; back: string }) {
  const t = await getTranslations("adminMeetings");
  return (
    <section className="card" aria-labelledby="materials">
      <h2 id="materials">{t("materials")}</h2>
      {meeting.materials.length === 0 ? <p>{t("noMaterials")}</p> : null}
      <ul>
        {meeting.materials.map((m) => (
          <li key={m.id}>
            <a href={`/meetings/${meeting.id}/materials/${m.id}`}>{m.filename}</a> <span className="muted">（{sizeText(m.size)}）</span>
            {editable ? (
              <form method="post" action={`/api/admin/materials/${m.id}/delete`} className="actions">
                <Back to={back} />
                <button type="submit" className="secondary" aria-label={t("removeMaterialLabel", { name: m.filename })}>
                  {t("removeMaterial")}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {meeting.state !== "archived" ? (
        <form method="post" action={`/api/admin/meetings/${meeting.id}/materials`} encType="multipart/form-data">
          <label htmlFor="material-file">{t("uploadLabel")}</label>
          <input
            id="material-file"
            name="file"
            type="file"
            required
            accept="application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp"
            aria-describedby="material-hint"
          />
          <div id="material-hint" className="hint">
            {t("uploadHint")}
          </div>
          <p>
            <button type="submit">{t("upload")}</button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
