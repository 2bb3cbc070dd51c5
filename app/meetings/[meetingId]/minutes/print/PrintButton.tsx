"use client";

/** Opens the browser's print dialog (the page itself is laid out for paper). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
