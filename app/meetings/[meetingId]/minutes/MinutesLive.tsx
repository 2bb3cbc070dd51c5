"use client";

import { type ComponentProps, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { MinutesEditor as Editor } from "./MinutesEditor";
import { RecordBlockView } from "./RecordBlockView";

type Props = ComponentProps<typeof Editor>;

/**
 * The record blocks as plain HTML first (they read without JavaScript, e.g. when WeChat fails to load it), then the
 * live editor. Yjs and Tiptap load in the browser only, from an effect: Next's server never imports a copy of Yjs
 * (DESIGN.md §1), and the blocks stay on screen until the editor is there to replace them.
 */
export function MinutesLive(props: Props) {
  const t = useTranslations("minutes");
  const [LiveEditor, setLiveEditor] = useState<typeof Editor | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void import("./MinutesEditor").then((module) => {
      if (isCurrent) setLiveEditor(() => module.MinutesEditor);
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  if (LiveEditor) return <LiveEditor {...props} />;
  return (
    <div className="minutes-editor">
      <p className="minutes-connection connecting">{t("connecting")}</p>
      {props.initialBlocks.map((block) => (
        <section key={block.id} className="minutes-part">
          <RecordBlockView block={block} lockedLabel={t("lockedBlock")} />
        </section>
      ))}
    </div>
  );
}
