import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendParagraphs, fragmentText, freeTextOf } from "./freeText";

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  el.insert(0, children);
  return el;
}

describe("the free text of a minutes section as plain lines", () => {
  it("reads paragraphs, headings, lists, quotes and hard breaks as Tiptap writes them", () => {
    const doc = new Y.Doc();
    const bold = new Y.XmlText();
    bold.insert(0, "加粗", { bold: true });
    bold.insert(2, "与正常");
    doc
      .getXmlFragment("free:header")
      .insert(0, [
        element("heading", [new Y.XmlText("讨论")], { level: "2" }),
        element("paragraph", [new Y.XmlText("第一行"), element("hardBreak", []), new Y.XmlText("第二行")]),
        element("bulletList", [
          element("listItem", [element("paragraph", [new Y.XmlText("甲")])]),
          element("listItem", [element("paragraph", [new Y.XmlText("乙")])]),
        ]),
        element("orderedList", [element("listItem", [element("paragraph", [new Y.XmlText("一")])])], { start: "3" }),
        element("blockquote", [element("paragraph", [bold])]),
        element("paragraph", []),
        element("paragraph", []),
      ]);
    expect(fragmentText(doc.getXmlFragment("free:header"))).toBe("讨论\n第一行\n第二行\n• 甲\n• 乙\n3. 一\n> 加粗与正常");
  });

  it("collects the sections of the blocks asked for, and writes server text as paragraphs", () => {
    const doc = new Y.Doc();
    appendParagraphs(doc, "header", "会议开始。\n\n主持人讲话。", "seed");
    appendParagraphs(doc, "vote:m1", "通过。", "seed");
    expect(freeTextOf(doc, ["header", "attendance", "vote:m1"])).toEqual({ header: "会议开始。\n\n主持人讲话。", "vote:m1": "通过。" });
  });
});
