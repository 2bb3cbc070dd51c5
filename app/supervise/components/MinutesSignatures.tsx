import { getFormatter, getTranslations } from "next-intl/server";
import type { Evidence } from "@/server/queries/evidence";

/** Who signed a version of the minutes and how: on their own phone, on paper (with the scan), or 代书 with witnesses. */
export async function MinutesSignatures({ meetingId, signatures }: { meetingId: string; signatures: Evidence["minutes"][number]["signatures"] }) {
  const t = await getTranslations("signoff");
  const format = await getFormatter();
  if (signatures.length === 0) return null;
  const roles = new Set(["chair", "recorder", "attendee"]);
  const methods = new Set(["account", "paper", "assisted"]);
  return (
    <>
      <h3>{t("heading")}</h3>
      <ul>
        {signatures.map((s, i) => (
          <li key={`${s.name}-${i}`} data-signer={s.name}>
            {s.name}（{roles.has(s.role) ? t(`role.${s.role as "chair"}`) : s.role}）：
            {methods.has(s.method) ? t(`method.${s.method as "account"}`, { witnesses: s.witnesses.join("、") }) : s.method}，
            {format.dateTime(s.signedAt, { month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" })}
            {s.scan ? (
              <>
                {" "}
                <a href={`/api/minutes/${meetingId}/scans/${s.scan.id}`}>{t("viewScan")}</a>
                <div className="mono hint" style={{ overflowWrap: "anywhere" }}>
                  {t("scanHash", { hash: s.scan.sha256 })}
                </div>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
