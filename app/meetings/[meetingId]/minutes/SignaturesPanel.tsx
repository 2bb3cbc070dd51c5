import { getFormatter, getTranslations } from "next-intl/server";
import type { MinutesAccess } from "@/server/minutes/status";

/**
 * 签字情况: every required signer and how they signed (own phone, paper with its scan, 代书 with its witnesses) or
 * that they have not yet; for the recorder, the forms that record paper and assisted signatures. Plain form posts,
 * so they work in WeChat without JavaScript.
 */
export async function SignaturesPanel({ meetingId, access }: { meetingId: string; access: MinutesAccess }) {
  const t = await getTranslations("signoff");
  const format = await getFormatter();
  const { status, capabilities } = access;
  const latest = status.latest;
  if (!latest) return null;
  const when = (iso: string) => format.dateTime(new Date(iso), { month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const signed = new Map(latest.signatures.map((s) => [s.personId, s]));
  const pending = new Map(latest.pendingAssisted.map((p) => [p.personId, p]));
  const canOpenScans = access.bodyRoles.includes("chair") || access.bodyRoles.includes("recorder");
  const recordable = latest.missing.filter((s) => s.role !== "recorder");
  const api = `/api/minutes/${meetingId}`;
  return (
    <section className="card minutes-signatures" id="signatures" aria-labelledby="signatures-heading">
      <h2 id="signatures-heading">{t("heading")}</h2>
      <p className="hint">{t("intro")}</p>
      <ol className="signer-list">
        {status.required.map((signer) => {
          const signature = signed.get(signer.personId);
          const waiting = pending.get(signer.personId);
          return (
            <li key={signer.personId} data-signer={signer.name}>
              <strong>{signer.name}</strong>（{t(`role.${signer.role}`)}）：
              {signature ? (
                <span className="ok">
                  {t("state.signed", {
                    method: t(`method.${signature.method}`, { witnesses: signature.witnesses.join("、") }),
                    date: when(signature.signedAt),
                  })}
                  {signature.scan && canOpenScans ? (
                    <>
                      {" "}
                      <a href={`${api}/scans/${signature.scan.id}`}>{t("viewScan")}</a>
                    </>
                  ) : null}
                </span>
              ) : waiting ? (
                <span>
                  {t("state.pending", {
                    witnesses: waiting.witnesses.map((w) => t(w.confirmedAt ? "witnessState.confirmed" : "witnessState.waiting", { name: w.name })).join("，"),
                  })}
                </span>
              ) : (
                <span>{t("state.missing")}</span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="minutes-links">
        <a className="button secondary" href={`/meetings/${meetingId}/minutes/sheet`}>
          {t("sheet.link")}
        </a>
        <a className="button secondary" href={`/meetings/${meetingId}/minutes/sheet/pdf`}>
          {t("sheet.pdf")}
        </a>
      </p>
      {capabilities.canRecordSignatures && recordable.length > 0 ? (
        <div className="signature-forms">
          <form method="post" action={`${api}/paper`} encType="multipart/form-data" className="stack">
            <h3>{t("paper.heading")}</h3>
            <p className="hint">{t("paper.intro")}</p>
            <input type="hidden" name="versionId" value={latest.id} />
            <fieldset>
              <legend>{t("paper.who")}</legend>
              {recordable.map((s) => (
                <label key={s.personId} className="confirm-tick">
                  <input type="checkbox" name="personIds" value={s.personId} /> {s.name}
                </label>
              ))}
            </fieldset>
            <label htmlFor="scan-file">{t("paper.file")}</label>
            <input
              id="scan-file"
              name="file"
              type="file"
              required
              accept="application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp"
              aria-describedby="scan-hint"
            />
            <div id="scan-hint" className="hint">
              {t("paper.fileHint")}
            </div>
            <label className="confirm-tick">
              <input type="checkbox" name="confirm" value="yes" required /> {t("paper.confirm")}
            </label>
            <button type="submit">{t("paper.submit")}</button>
          </form>
          <form method="post" action={`${api}/assisted`} className="stack">
            <h3>{t("assisted.heading")}</h3>
            <p className="hint">{t("assisted.intro")}</p>
            <input type="hidden" name="versionId" value={latest.id} />
            <label htmlFor="assisted-person">{t("assisted.who")}</label>
            <select id="assisted-person" name="personId" required defaultValue="">
              <option value="" disabled>
                {t("assisted.choose")}
              </option>
              {recordable.map((s) => (
                <option key={s.personId} value={s.personId}>
                  {s.name}
                </option>
              ))}
            </select>
            {status.witnessCandidates.length < 2 ? <p className="alert">{t("assisted.noCandidates")}</p> : null}
            {(["witness1", "witness2"] as const).map((field) => (
              <div key={field} className="stack">
                <label htmlFor={`assisted-${field}`}>{t(`assisted.${field}`)}</label>
                <select id={`assisted-${field}`} name={field} required defaultValue="">
                  <option value="" disabled>
                    {t("assisted.choose")}
                  </option>
                  {status.witnessCandidates.map((c) => (
                    <option key={c.personId} value={c.personId}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <label className="confirm-tick">
              <input type="checkbox" name="confirm" value="yes" required /> {t("assisted.confirm")}
            </label>
            <button type="submit">{t("assisted.submit")}</button>
          </form>
        </div>
      ) : null}
    </section>
  );
}

/** For a named witness: the 代书 signatures waiting for their confirmation, at the top of the page on their phone. */
export async function WitnessRequests({ meetingId, access }: { meetingId: string; access: MinutesAccess }) {
  const t = await getTranslations("signoff");
  const latest = access.status.latest;
  const me = access.personId;
  if (!latest || !me) return null;
  const mine = latest.pendingAssisted.filter((p) => p.witnesses.some((w) => w.personId === me));
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((p) => {
        const confirmed = p.witnesses.find((w) => w.personId === me)?.confirmedAt;
        return (
          <section key={p.personId} className="card witness-request" aria-labelledby={`witness-${p.personId}`}>
            <h2 id={`witness-${p.personId}`}>{t("witness.heading")}</h2>
            {confirmed ? (
              <p className="ok">{t("witness.mine", { name: p.name })}</p>
            ) : (
              <form method="post" action={`/api/minutes/${meetingId}/witness`} className="stack">
                <p>{t("witness.intro", { name: p.name, version: latest.version })}</p>
                <input type="hidden" name="personId" value={p.personId} />
                <label className="confirm-tick">
                  <input type="checkbox" name="confirm" value="yes" required /> {t("witness.confirm", { name: p.name })}
                </label>
                <button type="submit">{t("witness.submit")}</button>
              </form>
            )}
          </section>
        );
      })}
    </>
  );
}
