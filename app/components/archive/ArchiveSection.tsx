import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { isWeChat, publicOrigin } from "@/server/minutes/qrContent";
import { getRuntime } from "@/server/runtime";
import { CopyLink } from "./CopyLink";

/**
 * The archive package of a meeting or a matter (issue #23 item 4): what it holds, in words, and its download. WeChat's
 * browser cannot download a zip: there the link is offered to copy for a computer instead.
 */
export async function ArchiveSection({ kind, id }: { kind: "meeting" | "matter"; id: string }) {
  const t = await getTranslations("archive");
  const h = await headers();
  const path = `/api/archive?${kind}Id=${encodeURIComponent(id)}`;
  const url = `${publicOrigin(getRuntime().config.publicOrigin, h)}${path}`;
  const items = ["minutes", "notices", "signIn", "votes", "evidence", "audit", "metadata", "report"] as const;
  return (
    <section className="card" aria-labelledby="archive-package">
      <h2 id="archive-package">{t("title")}</h2>
      <p>{t(`intro.${kind}`)}</p>
      <ul>
        {items.map((item) => (
          <li key={item}>{t(`contents.${item}`)}</li>
        ))}
      </ul>
      <p className="muted">{t("verify")}</p>
      {isWeChat(h.get("user-agent")) ? (
        <>
          <p role="note">{t("wechat")}</p>
          <CopyLink url={url} words={{ link: t("link"), copy: t("copy"), copied: t("copied"), copyFailed: t("copyFailed") }} />
        </>
      ) : (
        <>
          <p className="actions">
            <a className="button" href={path} download>
              {t("download")}
            </a>
          </p>
          <p className="muted">{t("size")}</p>
        </>
      )}
    </section>
  );
}
