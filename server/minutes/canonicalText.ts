/**
 * The canonical text of the minutes: the record blocks and the free text written after each, in order, as plain
 * UTF-8 lines. It is what finalizing freezes, what is hashed into the audit log (`minutes.snapshot`), what signers
 * sign and what the print view and the PDF show. The same record and free text always give the same bytes.
 */
import { createHash } from "node:crypto";
import type { RecordBlock } from "./recordBlocks";

/** Free text per block id, as the editors wrote it after that block. */
export type FreeText = Record<string, string>;

/** One line: no control characters (a tab becomes a space), NFC, no trailing spaces. */
function cleanLine(line: string): string {
  return line
    .normalize("NFC")
    .replace(/\t/g, " ")
    .replace(/[\u0000-\u001f\u007f\u200b\ufeff]/g, "")
    .trimEnd();
}

/**
 * Free text as it enters the record: lines cleaned, runs of blank lines folded into one, no blank lines at either
 * end. Whitespace that no reader can see never changes the hash.
 */
export function normalizeFreeText(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map(cleanLine);
  const folded: string[] = [];
  for (const line of lines) {
    if (line === "" && (folded.length === 0 || folded[folded.length - 1] === "")) continue;
    folded.push(line);
  }
  while (folded.length > 0 && folded[folded.length - 1] === "") folded.pop();
  return folded.join("\n");
}

function blockLines(block: RecordBlock): string[] {
  return [`【${cleanLine(block.title)}】`, ...block.fields.map((f) => cleanLine(`${f.label}：${f.value.replace(/\s*\n\s*/g, " ")}`))];
}

/** Record blocks in order, each followed by its free text; blocks separated by one blank line; one final newline. */
export function canonicalMinutesText(blocks: readonly RecordBlock[], freeText: FreeText): string {
  const parts = blocks.map((block) => {
    const free = normalizeFreeText(freeText[block.id] ?? "");
    return [...blockLines(block), ...(free === "" ? [] : ["", free])].join("\n");
  });
  return `${parts.join("\n\n")}\n`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
