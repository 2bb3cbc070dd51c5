import { getTranslations } from "next-intl/server";

export async function generateMetadata() {
  const t = await getTranslations("privacy");
  return { title: `${t("title")} · 议事` };
}

/** 个人信息保护说明: what is collected, why, for how long (个人信息保护法). Public. */
export default async function PrivacyPage() {
  const t = await getTranslations("privacy");
  const sections = ["purpose", "retention", "rights", "security"] as const;
  return (
    <article>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <h2>{t("whatTitle")}</h2>
      <ul>
        {(t.raw("what") as string[]).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h2>{t("notTitle")}</h2>
      <p>{t("not")}</p>
      {sections.map((s) => (
        <section key={s}>
          <h2>{t(`${s}Title`)}</h2>
          <p>{t(s)}</p>
        </section>
      ))}
    </article>
  );
}
