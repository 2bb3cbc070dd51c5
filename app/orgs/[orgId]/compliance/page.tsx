import { getFormatter, getTranslations } from "next-intl/server";
import type { Alert, AlertLevel } from "@/server/domain/alerts";
import { compliancePage } from "@/server/queries/alerts";
import { load, viewerOrLogin } from "@/server/web/loadPage";
import { Denied, localeKey } from "../../../admin/ui";
import "../../../admin/admin.css";
import "./compliance.css";

export const dynamic = "force-dynamic";

const LEVELS: readonly AlertLevel[] = ["red", "yellow", "green"];

/**
 * 合规提示: one village's (or cooperative's) alerts by colour, each in words with its rule, its legal basis and a
 * link to the page that shows the evidence (issue #20 item 4). For its admin and its supervisors.
 */
export default async function CompliancePage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const viewer = await viewerOrLogin();
  const result = await load(() => compliancePage(viewer, orgId));
  if (!result.ok) return <Denied code={result.code} />;
  const page = result.data;
  const t = await getTranslations("alerts");
  const format = await getFormatter();
  const locale = await localeKey();
  const byLevel = (level: AlertLevel) => page.alerts.filter((a) => a.level === level);
  return (
    <div className="compliance">
      <h1>{t("title", { org: page.org.name })}</h1>
      <p className="hint">{t("intro")}</p>
      <section aria-labelledby="summary-title" className={`card summary level-${page.level}`}>
        <h2 id="summary-title">{t("summaryTitle")}</h2>
        <p className="overall">
          <span className={`dot dot-${page.level}`} aria-hidden="true" />
          {t(`overall.${page.level}`)}
        </p>
        <ul className="counts">
          {LEVELS.map((level) => (
            <li key={level}>
              <a href={`#${level}-title`}>{t(`count.${level}`, { count: page.counts[level] })}</a>
            </li>
          ))}
        </ul>
        <p className="hint">
          {t("computedAt", { at: format.dateTime(page.computedAt, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" }) })}
        </p>
      </section>
      {LEVELS.map((level) => (
        <section key={level} aria-labelledby={`${level}-title`}>
          <h2 id={`${level}-title`}>
            <span className={`dot dot-${level}`} aria-hidden="true" />
            {t(`heading.${level}`)}
          </h2>
          <p className="hint">{t(`explain.${level}`)}</p>
          {byLevel(level).length === 0 ? <p>{t(`none.${level}`)}</p> : null}
          <ul className="list-plain alerts">
            {byLevel(level).map((alert) => (
              <AlertCard
                key={alert.id}
                alert={alert}
                locale={locale}
                words={{
                  rule: t("rule"),
                  basis: t("basis"),
                  occurred: t("occurred"),
                  due: alert.dueOn ? t("due", { date: alert.dueOn }) : "",
                  evidence: t("evidence", { what: alert.evidence.label[locale] }),
                  scope: t(`scope.${alert.scope}`),
                }}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

type Words = { rule: string; basis: string; occurred: string; due: string; evidence: string; scope: string };

function AlertCard({ alert, locale, words }: { alert: Alert; locale: "zh-CN" | "en"; words: Words }) {
  return (
    <li className={`card alert-card alert-${alert.level}`} data-code={alert.code}>
      <p className="alert-message">
        <span className="scope">{words.scope}</span>
        {alert.message[locale]}
      </p>
      <dl className="facts">
        <dt>{words.rule}</dt>
        <dd>{alert.rule[locale]}</dd>
        <dt>{words.basis}</dt>
        <dd>{alert.legalBasis}</dd>
        <dt>{words.occurred}</dt>
        <dd>
          {alert.occurredOn}
          {words.due}
        </dd>
      </dl>
      <p>
        <a href={alert.evidence.href}>{words.evidence}</a>
      </p>
    </li>
  );
}
