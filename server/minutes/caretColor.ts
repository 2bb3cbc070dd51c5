/** Caret colours with at least 4.5:1 contrast against white label text. */
const PALETTE = ["#9b1c1c", "#0b57d0", "#14632c", "#6d28d9", "#8a4b00", "#0f5e73", "#a3195b", "#3f4c5a"];

/** A stable colour per account, so a person's caret keeps its colour across reloads and devices. */
export function caretColor(key: string): string {
  let hash = 0;
  for (let i = 0; i < key.length; i += 1) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length] as string;
}
