import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/server/queries/access";
import { townshipWitnessKey } from "@/server/queries/townshipWitness";
import { load } from "@/server/web/loadPage";

/** The township's own witness and its verifier key (issue #21 item 3): the key villages and auditors check it by. */
export async function TownshipWitnessKey({ viewer, townshipId }: { viewer: Viewer; townshipId: string }) {
  const result = await load(() => townshipWitnessKey(viewer, townshipId));
  if (!result.ok || !result.data) return null;
  const t = await getTranslations("townshipWitness");
  return (
    <section aria-labelledby="township-witness-title" className="card">
      <h2 id="township-witness-title">{t("title")}</h2>
      <p>{t("intro")}</p>
      <p>
        <code className="vkey" data-township-witness-vkey="" style={{ overflowWrap: "anywhere", wordBreak: "break-all" }}>
          {result.data.vkey}
        </code>
      </p>
    </section>
  );
}
