import { setTownshipSettings } from "@/server/commands/township/setTownshipSettings";
import { DEFAULT_ALERT_SETTINGS } from "@/server/domain/alerts";
import { writeRoute } from "@/server/web/writeRoute";

/** The township's settings: which matters need its pre-review, and the thresholds of its alerts. */
export const POST = writeRoute<"townshipId">({
  command: ({ townshipId, ...input }, actor) => setTownshipSettings({ ...input, orgId: townshipId }, actor),
  params: ["townshipId"],
  // The settings page (app/township/[townshipId]/settings): one number field `alerts.<name>` per threshold; a field
  // left empty keeps the law's default.
  form: (f) => ({
    preReviewKinds: f.all("preReviewKinds"),
    preReviewAmountYuan: f.int("preReviewAmountYuan"),
    alerts: Object.fromEntries(
      Object.keys(DEFAULT_ALERT_SETTINGS).flatMap((key) => {
        const value = f.int(`alerts.${key}`);
        return value === undefined ? [] : [[key, value]];
      }),
    ),
  }),
});
