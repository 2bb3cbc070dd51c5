import { getTranslations } from "next-intl/server";
import type { MatterTownshipStatus } from "@/server/queries/township";

/**
 * 备案 and 合法性预审 on a matter's page (issue #20): the township's filing receipt (an entry of the village's log, by
 * its seq) and the latest pre-review — 已经镇街预审 with who and when, or returned with the reasons. The admin files
 * the matter and asks for pre-review from here.
 */
export async function TownshipStatus({
  matterId,
  orgId,
  status,
  isAdmin,
  when,
}: {
  matterId: string;
  orgId: string;
  status: MatterTownshipStatus;
  isAdmin: boolean;
  when: (iso: string) => string;
}) {
  const t = await getTranslations("matterTownship");
  const back = `/matters/${matterId}`;
  const review = status.preReview;
  return (
    <section aria-labelledby="township-title">
      <h2 id="township-title">{t("title")}</h2>
      <dl className="facts">
        <dt>{t("filing")}</dt>
        <dd data-testid="filing-status">
          {status.receipt
            ? t("receipted", { by: status.receipt.by, at: when(status.receipt.at), seq: status.receipt.seq })
            : status.filedAt
              ? t("filedWaiting", { at: when(status.filedAt) })
              : t("notFiled")}
        </dd>
        <dt>{t("preReview")}</dt>
        <dd data-testid="prereview-status">
          {!review ? t("noPreReview") : null}
          {review?.state === "requested" ? t("requested") : null}
          {review?.state === "approved"
            ? t("approved", { title: review.reviewerTitle ?? "", name: review.reviewerName ?? "", at: review.decidedAt ? when(review.decidedAt) : "" })
            : null}
          {review?.state === "returned"
            ? t("returned", { name: review.reviewerName ?? "", at: review.decidedAt ? when(review.decidedAt) : "", reasons: review.reasons ?? "" })
            : null}
        </dd>
      </dl>
      {isAdmin && !status.filedAt ? (
        <form method="post" action={`/api/admin/orgs/${orgId}/filing`}>
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="matterIds" value={matterId} />
          <button type="submit" className="button secondary">
            {t("file")}
          </button>
        </form>
      ) : null}
      {isAdmin && review?.state !== "requested" && review?.state !== "approved" ? (
        <form method="post" action={`/api/admin/matters/${matterId}/prereview`}>
          <input type="hidden" name="back" value={back} />
          <button type="submit" className="button secondary">
            {t("request")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
