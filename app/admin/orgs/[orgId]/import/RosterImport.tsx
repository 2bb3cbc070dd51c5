"use client";

import { type FormEvent, useState } from "react";
import { useTranslations } from "use-intl";
import type { RosterPreview } from "@/server/commands/org/importRoster";

type Answer = { ok: true; data: RosterPreview } | { ok: false; error: { code: string; message: string; details?: { errorCount?: number } } };

/** What the file picker offers: CSV and Excel workbooks, by extension and by type (phones filter by type). */
const ACCEPT = ".csv,.xlsx,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The file's bytes as base64 (FileReader's data URL without its prefix: fast, and in every in-app browser). */
function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Choose a file → preview (nothing written) → import. Without JavaScript the form posts the file straight to the
 * import, which still refuses a file with errors.
 */
export function RosterImport({ orgId }: { orgId: string }) {
  const t = useTranslations("adminImport");
  const te = useTranslations("errors");
  /** The chosen file's bytes, base64: the server finds out whether it is CSV (and in which encoding) or .xlsx. */
  const [file, setFile] = useState<string | null>(null);
  const [createMissing, setCreateMissing] = useState(false);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(dryRun: boolean, base64: string, create: boolean): Promise<Answer> {
    const response = await fetch(`/api/admin/orgs/${orgId}/roster-import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ file: base64, createMissingHouseholds: create, dryRun }),
    });
    return (await response.json()) as Answer;
  }

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = new FormData(event.currentTarget).get("file");
    if (!(chosen instanceof File) || chosen.size === 0) return setMessage({ kind: "error", text: t("chooseFile") });
    setBusy(true);
    setMessage(null);
    const base64 = await fileBase64(chosen);
    setFile(base64);
    const answer = await send(true, base64, createMissing).catch(() => null);
    setBusy(false);
    if (!answer) return setMessage({ kind: "error", text: te("unavailable") });
    if (!answer.ok) return setMessage({ kind: "error", text: te(answer.error.code as "internal") });
    setPreview(answer.data);
  }

  async function commit() {
    if (file === null) return;
    setBusy(true);
    const answer = await send(false, file, createMissing).catch(() => null);
    setBusy(false);
    if (!answer) return setMessage({ kind: "error", text: te("unavailable") });
    if (!answer.ok) return setMessage({ kind: "error", text: t("notImported", { count: answer.error.details?.errorCount ?? 0 }) });
    setPreview(null);
    setFile(null);
    setMessage({ kind: "ok", text: t("imported", { count: answer.data.imported }) });
  }

  const rows = preview?.rows ?? [];
  const flag = (value: boolean) => (value ? t("yes") : t("no"));
  return (
    <>
      <form method="post" action={`/api/admin/orgs/${orgId}/roster-import`} encType="multipart/form-data" onSubmit={check}>
        <input type="hidden" name="back" value={`/admin/orgs/${orgId}/import`} />
        <label htmlFor="roster-file">{t("file")}</label>
        <input id="roster-file" name="file" type="file" accept={ACCEPT} required onChange={() => setPreview(null)} />
        <label className="check">
          <input
            type="checkbox"
            name="createMissingHouseholds"
            value="1"
            checked={createMissing}
            onChange={(e) => {
              setCreateMissing(e.target.checked);
              setPreview(null);
            }}
          />
          {t("createMissing")}
        </label>
        <p>
          <button type="submit" disabled={busy}>
            {t("check")}
          </button>
        </p>
      </form>
      <div aria-live="polite">
        {message ? (
          <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "alert" : "saved"}>
            {message.text}
          </p>
        ) : null}
        {message?.kind === "ok" ? (
          <p>
            <a href={`/admin/orgs/${orgId}/people`}>{t("toPeople")}</a>
          </p>
        ) : null}
        {preview ? (
          <section aria-labelledby="preview-title">
            <h2 id="preview-title">{t("previewTitle")}</h2>
            {preview.format ? <p className="hint">{t(`readAs.${preview.format === "xlsx" ? "xlsx" : (preview.encoding ?? "utf-8")}`)}</p> : null}
            {preview.problem ? (
              <p role="alert" className="alert">
                {t(`problem.${preview.problem}`, { columns: preview.unknownColumns.join("、") })}
                {preview.problemLine !== null ? t("problemAt", { line: preview.problemLine }) : ""}
              </p>
            ) : null}
            {!preview.problem && preview.errorCount > 0 ? (
              <p role="alert" className="alert">
                {t("hasErrors", { count: preview.errorCount })}
              </p>
            ) : null}
            {!preview.problem && preview.errorCount === 0 ? (
              <p className="saved">{t("ready", { count: rows.length, households: preview.newHouseholds.length })}</p>
            ) : null}
            {rows.length > 0 ? (
              <div className="table-wrap">
                <table className="preview-table labelled">
                  <thead>
                    <tr>
                      <th scope="col">{t("line")}</th>
                      <th scope="col">{t("name")}</th>
                      <th scope="col">{t("phone")}</th>
                      <th scope="col">{t("idNumberCol")}</th>
                      <th scope="col">{t("household")}</th>
                      <th scope="col">{t("relationship")}</th>
                      <th scope="col">{t("gender")}</th>
                      <th scope="col">{t("adult")}</th>
                      <th scope="col">{t("party")}</th>
                      <th scope="col">{t("coop")}</th>
                      <th scope="col">{t("problems")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.line} className={row.errors.length > 0 ? "has-errors" : undefined}>
                        <th scope="row" className="nowrap">
                          {t("lineN", { line: row.line })}
                        </th>
                        <td data-label={t("name")} className="nowrap">
                          {row.name || "—"}
                        </td>
                        <td data-label={t("phone")} className="nowrap">
                          {row.phone ?? "—"}
                        </td>
                        <td data-label={t("idNumberCol")} className="nowrap">
                          {row.idNumberMasked ?? "—"}
                        </td>
                        <td data-label={t("household")}>
                          {row.household ?? "—"}
                          {row.isNewHousehold && row.errors.length === 0 ? `（${t("newHousehold")}）` : ""}
                        </td>
                        <td data-label={t("relationship")}>{row.relationship ?? "—"}</td>
                        <td data-label={t("gender")}>{row.gender ? t(row.gender) : "—"}</td>
                        <td data-label={t("adult")}>{flag(row.isAdult)}</td>
                        <td data-label={t("party")}>{flag(row.isPartyMember)}</td>
                        <td data-label={t("coop")}>{flag(row.isCoopMember)}</td>
                        <td data-label={t("problems")} className={row.errors.length > 0 ? "errors" : undefined}>
                          {row.errors.length === 0 ? t("ok") : row.errors.map((code) => t(`rowError.${code}`)).join("；")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {!preview.problem && preview.errorCount === 0 && rows.length > 0 ? (
              <p>
                <button type="button" onClick={commit} disabled={busy}>
                  {t("commit", { count: rows.length })}
                </button>
              </p>
            ) : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
