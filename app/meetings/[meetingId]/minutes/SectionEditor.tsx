"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect } from "react";
import type { MinutesProvider } from "@/app/components/minutes/MinutesProvider";
import type { CaretUser } from "@/server/minutes/protocol";
import { sectionName } from "@/server/minutes/sections";

/**
 * The free text written after one record block: a Tiptap editor bound to that block's Yjs fragment, with the
 * named, coloured carets of everyone editing it. Readers get the same view, not editable.
 */
export function SectionEditor({
  provider,
  blockId,
  editable,
  user,
  label,
}: {
  provider: MinutesProvider;
  blockId: string;
  editable: boolean;
  user: CaretUser | null;
  label: string;
}) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        // Undo goes through Yjs (per user), not ProseMirror's history.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: provider.doc, field: sectionName(blockId) }),
        CollaborationCaret.configure({ provider, user: user ?? { name: "", color: "#4a4a4a" } }),
      ],
      editorProps: {
        attributes: { class: "minutes-text", role: "textbox", "aria-multiline": "true", "aria-label": label, "data-section": blockId },
      },
    },
    [provider, blockId],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  return <EditorContent editor={editor} className="minutes-section" />;
}
