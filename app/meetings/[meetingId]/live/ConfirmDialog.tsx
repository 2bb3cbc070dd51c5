"use client";

import { type ReactNode, useEffect, useRef } from "react";
import { useTranslations } from "use-intl";

/** The only pop-up Yishi shows: a confirmation, with a large close button at the top right (UX rules). */
export function ConfirmDialog({
  open,
  title,
  children,
  onConfirm,
  onCancel,
  confirmLabel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  confirmLabel?: string;
}) {
  const t = useTranslations("live");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <button type="button" className="dialog-close secondary" aria-label={t("close")} onClick={onCancel}>
        ×
      </button>
      <h2 id="confirm-title">{title}</h2>
      <div>{children}</div>
      <p className="dialog-actions">
        <button type="button" onClick={onConfirm}>
          {confirmLabel ?? t("confirm")}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </p>
    </dialog>
  );
}
