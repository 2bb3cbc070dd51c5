import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentAccount } from "@/server/auth/session";
import { lineDiff } from "@/server/minutes/lineDiff";
import { minutesExport } from "@/server/queries/minutesVersions";
import "../minutes.css";

export const dynamic = "force-dynamic";

/** Every finalized version, newest first, each with what changed from the one before (corrections are visible). */
export default async function MinutesVersionsPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  const account = await currentAccount();
  const data = await minutesExport(account?.id ?? null, meetingId);
  if (!data) notFound();
  const t = await getTranslations("minutes");
  const format = await getFormatter();
  const base = `/meetings/${meetingId}/minutes`;
  const versions = [...data.versions].reverse();
  return (
    <div className="minutes-versions">
      <p>
        <a href={base}>{t("links.back")}</a>
      </p>
      <h1>{t("versions.title")}</h1>
      {versions.length === 0 ? <p>{t("versions.none")}</p> : null}
      {versions.map((version) => {
        const previous = data.versions.find((x) => x.version === version.version - 1);
        const changes = previous ? lineDiff(previous.text, version.text).filter((line) => line.kind !== "same") : [];
        return (
          <section key={version.id} className="card minutes-version" aria-labelledby={`v-${version.version}`}>
            <h2 id={`v-${version.version}`}>
              {t("status.version", {
                version: version.version,
                date: format.dateTime(new Date(version.finalizedAt), { dateStyle: "long", timeStyle: "short" }),
              })}
            </h2>
            {version.reason ? <p>{t("status.correction", { reason: version.reason })}</p> : null}
            <p>
              {t("status.hash")}：<code className="hash">{version.sha256}</code>
            </p>
            <p>
              <a href={`${base}/print?v=${version.version}`}>{t("links.print")}</a> · <a href={`${base}/pdf?v=${version.version}`}>{t("links.pdf")}</a>
            </p>
            {previous ? (
              <>
                <h3>{t("versions.diffHeading", { from: previous.version, to: version.version })}</h3>
                <div className="diff">
                  {changes.map((line, index) => (
                    <p key={index} className={`diff-line diff-${line.kind}`}>
                      <span className="visually-hidden">{line.kind === "added" ? t("versions.added") : t("versions.removed")}: </span>
                      {line.kind === "added" ? "+ " : "− "}
                      {line.text}
                    </p>
                  ))}
                </div>
              </>
            ) : (
              <p className="hint">{t("versions.noChanges")}</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
