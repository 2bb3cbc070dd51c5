import { getTranslations } from "next-intl/server";
import { MATTER_STAGES, type MatterStage, MOVE_REASON_MAX, manualMove, stageLabel } from "@/server/domain/matter";
import { isAppError } from "@/server/errors";

/** The stages a manual move may reach from here, as server/domain/matter allows them (no rule is repeated here). */
function reachable(from: MatterStage): MatterStage[] {
  return MATTER_STAGES.filter((to) => {
    try {
      manualMove({ from, to, reason: "-" });
      return true;
    } catch (error) {
      if (isAppError(error)) return false;
      throw error;
    }
  });
}

/** A manual move with its reason (audited as `matter.moved`); a vote moves a matter by itself. */
export async function MoveForm({ matterId, stage, locale }: { matterId: string; stage: MatterStage; locale: "zh-CN" | "en" }) {
  const t = await getTranslations("matterPage");
  const targets = reachable(stage);
  if (targets.length === 0) return null;
  return (
    <section className="card" aria-labelledby="move">
      <h2 id="move">{t("moveTitle")}</h2>
      <p className="muted">{t("moveExplain")}</p>
      <form method="post" action={`/api/admin/matters/${matterId}/move`}>
        <input type="hidden" name="back" value={`/matters/${matterId}`} />
        <label htmlFor="move-to">{t("moveTo")}</label>
        <select id="move-to" name="to" required defaultValue="">
          <option value="" disabled>
            {t("chooseStage")}
          </option>
          {targets.map((to) => (
            <option key={to} value={to}>
              {stageLabel(to, locale)}
            </option>
          ))}
        </select>
        <label htmlFor="move-reason">{t("reason")}</label>
        <textarea id="move-reason" name="reason" required rows={3} maxLength={MOVE_REASON_MAX} />
        <label className="check">
          <input type="checkbox" name="confirm" value="1" required />
          {t("moveConfirm")}
        </label>
        <p>
          <button type="submit">{t("moveSubmit")}</button>
        </p>
      </form>
    </section>
  );
}
