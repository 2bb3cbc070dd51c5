import { setTownshipSettings } from "@/server/commands/township/setTownshipSettings";
import { writeRoute } from "@/server/web/writeRoute";

/** The township's settings: which matters need its pre-review, and the thresholds of its alerts. */
export const POST = writeRoute<"townshipId">({
  command: ({ townshipId, ...input }, actor) => setTownshipSettings({ ...input, orgId: townshipId }, actor),
  params: ["townshipId"],
  form: (f) => ({ preReviewKinds: f.all("preReviewKinds"), preReviewAmountYuan: f.int("preReviewAmountYuan") }),
});
