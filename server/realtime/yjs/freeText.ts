/**
 * The free text of a minutes document as plain lines, for the canonical text (finalize, corrections). Reads the
 * ProseMirror-shaped XML that Tiptap writes (paragraph, heading, lists, blockquote …) and is defensive about anything
 * else: unknown elements contribute their text, nothing is dropped silently.
 */
import * as Y from "yjs";
import { type FreeText, normalizeFreeText } from "../../minutes/canonicalText";
import { sectionName } from "../../minutes/sections";

function inlineText(node: Y.XmlElement | Y.XmlText | Y.XmlFragment): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
  }
  if (node instanceof Y.XmlElement && node.nodeName === "hardBreak") return "\n";
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? inlineText(child) : ""))
    .join("");
}

const BLOCK_CONTAINERS = new Set(["bulletList", "orderedList", "blockquote", "listItem", "doc"]);

function blockLines(node: Y.XmlElement | Y.XmlText, prefix: string): string[] {
  if (node instanceof Y.XmlText)
    return inlineText(node)
      .split("\n")
      .map((line) => prefix + line);
  const name = node.nodeName;
  if (name === "horizontalRule") return [`${prefix}——————`];
  if (name === "bulletList" || name === "orderedList") {
    const start = Number(node.getAttribute("start") ?? 1);
    return childElements(node).flatMap((item, index) => {
      const marker = name === "bulletList" ? "• " : `${(Number.isFinite(start) ? start : 1) + index}. `;
      const lines = blockLines(item, "");
      return lines.map((line, i) => prefix + (i === 0 ? marker : " ".repeat(marker.length)) + line);
    });
  }
  if (name === "blockquote") return childElements(node).flatMap((child) => blockLines(child, `${prefix}> `));
  if (BLOCK_CONTAINERS.has(name)) return childElements(node).flatMap((child) => blockLines(child, prefix));
  // paragraph, heading, codeBlock and anything unknown: its text, hard breaks as new lines.
  return inlineText(node)
    .split("\n")
    .map((line) => prefix + line);
}

function childElements(node: Y.XmlElement | Y.XmlFragment): (Y.XmlElement | Y.XmlText)[] {
  return node.toArray().filter((child): child is Y.XmlElement | Y.XmlText => child instanceof Y.XmlElement || child instanceof Y.XmlText);
}

/** One section (the free text after one record block) as normalized plain text. */
export function fragmentText(fragment: Y.XmlFragment): string {
  return normalizeFreeText(
    childElements(fragment)
      .flatMap((child) => blockLines(child, ""))
      .join("\n"),
  );
}

/** The free text after each of `blockIds`, read from the document's sections. */
export function freeTextOf(doc: Y.Doc, blockIds: readonly string[]): FreeText {
  const text: FreeText = {};
  for (const id of blockIds) {
    const name = sectionName(id);
    if (!doc.share.has(name)) continue;
    const value = fragmentText(doc.getXmlFragment(name));
    if (value !== "") text[id] = value;
  }
  return text;
}

/** Writes plain text into a section as paragraphs (the demo seed; a server-side edit like any other). */
export function appendParagraphs(doc: Y.Doc, blockId: string, text: string, origin: unknown): void {
  const fragment = doc.getXmlFragment(sectionName(blockId));
  const paragraphs = text.split(/\r?\n/).map((line) => {
    const paragraph = new Y.XmlElement("paragraph");
    if (line !== "") paragraph.insert(0, [new Y.XmlText(line)]);
    return paragraph;
  });
  doc.transact(() => fragment.insert(fragment.length, paragraphs), origin);
}
