"use client";

import { useId, useRef, useState } from "react";

/** The package's link in a field to select, and a button that copies it (WeChat cannot download a zip). */
export function CopyLink({ url, words }: { url: string; words: { link: string; copy: string; copied: string; copyFailed: string } }) {
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const [status, setStatus] = useState<"" | "copied" | "failed">("");
  const copy = async () => {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  };
  return (
    <div>
      <label htmlFor={id}>{words.link}</label>
      <input id={id} ref={field} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} style={{ width: "100%" }} />
      <p className="actions">
        <button type="button" className="secondary" onClick={copy}>
          {words.copy}
        </button>
      </p>
      <p role="status">{status === "copied" ? words.copied : status === "failed" ? words.copyFailed : ""}</p>
    </div>
  );
}
