"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import { useTranslations } from "use-intl";
import { MinutesProvider } from "@/app/components/minutes/MinutesProvider";
import type { CaretUser } from "@/server/minutes/protocol";
import type { RecordBlock } from "@/server/minutes/recordBlocks";
import { RecordBlockView } from "./RecordBlockView";
import { SectionEditor } from "./SectionEditor";

/**
 * The live minutes: each locked record block, followed by the free text written after it. The text syncs over the
 * app's socket; the blocks follow the record as votes close and attendance changes.
 */
export function MinutesEditor({
  meetingId,
  initialBlocks,
  initialCanEdit,
  user,
}: {
  meetingId: string;
  initialBlocks: RecordBlock[];
  initialCanEdit: boolean;
  user: CaretUser | null;
}) {
  const t = useTranslations("minutes");
  const router = useRouter();
  const [provider, setProvider] = useState<MinutesProvider | null>(null);
  const [blocks, setBlocks] = useState(initialBlocks);
  const [canEdit, setCanEdit] = useState(initialCanEdit);
  const [connection, setConnection] = useState<"connecting" | "connected" | "offline">("connecting");
  const [editing, setEditing] = useState<string[]>([]);

  useEffect(() => {
    const socket = io({ transports: ["websocket", "polling"], reconnectionDelay: 500, reconnectionDelayMax: 3_000 });
    const live = new MinutesProvider(socket, meetingId);
    const offs = [
      live.on("join", (joined) => {
        setBlocks(joined.blocks);
        setCanEdit(joined.capabilities.canEdit);
      }),
      live.on("record", setBlocks),
      live.on("synced", () => setConnection("connected")),
      live.on("connection", (isConnected) => setConnection(isConnected ? "connecting" : "offline")),
      // The sign-off panel is rendered on the server: re-render it with the new state.
      live.on("status", () => router.refresh()),
    ];
    const onAwareness = () => {
      const names = [...live.awareness.getStates().entries()]
        .filter(([id, state]) => id !== live.doc.clientID && state.cursor && typeof state.user?.name === "string")
        .map(([, state]) => state.user.name as string);
      setEditing([...new Set(names)].sort());
    };
    live.awareness.on("change", onAwareness);
    setProvider(live);
    return () => {
      for (const off of offs) off();
      live.awareness.off("change", onAwareness);
      live.destroy();
      socket.close();
      live.doc.destroy();
    };
  }, [meetingId, router]);

  return (
    <div className="minutes-editor">
      <p className={`minutes-connection ${connection}`} role="status" aria-live="polite">
        {t(connection)}
        {editing.length > 0 ? ` · ${t("editing", { names: editing.join("、") })}` : ""}
      </p>
      {blocks.map((block) => (
        <section key={block.id} className="minutes-part">
          <RecordBlockView block={block} lockedLabel={t("lockedBlock")} />
          {provider ? (
            <SectionEditor provider={provider} blockId={block.id} editable={canEdit} user={user} label={t("freeTextLabel", { block: block.title })} />
          ) : (
            <p className="hint">{t("connecting")}</p>
          )}
        </section>
      ))}
    </div>
  );
}
