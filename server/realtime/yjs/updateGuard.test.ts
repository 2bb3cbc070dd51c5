import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkClientUpdate } from "./updateGuard";

const known = new Set(["header", "attendance", "vote:m1"]);

/** An update made on a copy of `server`, as an editor's client would send it. */
function edit(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

describe("the server's check of an editor's update", () => {
  it("accepts paragraphs and typing in the free text after a known block, even in one long offline batch", () => {
    const server = new Y.Doc();
    const first = edit(server, (d) => d.getXmlFragment("free:header").insert(0, [paragraph("会议开始")]));
    expect(checkClientUpdate(server, first, known)).toEqual({ ok: true, isEmpty: false });
    Y.applyUpdate(server, first);
    const typing = edit(server, (d) => {
      const text = (d.getXmlFragment("free:header").get(0) as Y.XmlElement).get(0) as Y.XmlText;
      for (let i = 0; i < 500; i += 1) text.insert(i % 3, "字");
      d.getXmlFragment("free:vote:m1").insert(0, [paragraph("通过")]);
    });
    expect(checkClientUpdate(server, typing, known)).toMatchObject({ ok: true });
  });

  it("refuses anything outside the free text: a record map, another root, a block not in the record", () => {
    const server = new Y.Doc();
    expect(
      checkClientUpdate(
        server,
        edit(server, (d) => d.getMap("record").set("实到", 15)),
        known,
      ),
    ).toMatchObject({ ok: false });
    expect(
      checkClientUpdate(
        server,
        edit(server, (d) => d.getXmlFragment("default").insert(0, [paragraph("x")])),
        known,
      ),
    ).toMatchObject({ ok: false });
    expect(
      checkClientUpdate(
        server,
        edit(server, (d) => d.getXmlFragment("free:vote:m2").insert(0, [paragraph("x")])),
        known,
      ),
    ).toMatchObject({
      ok: false,
      reason: "free text for a block that is not in the record",
    });
  });

  it("refuses raw text or a map key at the top of a section, next to existing paragraphs too", () => {
    const server = new Y.Doc();
    Y.applyUpdate(
      server,
      edit(server, (d) => d.getXmlFragment("free:header").insert(0, [paragraph("甲")])),
    );
    const bare = edit(server, (d) => {
      const fragment = d.getXmlFragment("free:header") as unknown as Y.Array<string>;
      Y.Array.prototype.insert.call(fragment, 1, ["不是段落"]);
    });
    expect(checkClientUpdate(server, bare, known)).toEqual({ ok: false, reason: "a free-text section holds only paragraphs" });
  });

  it("answers a malformed update and one that depends on unknown state with a refusal, not a crash", () => {
    const server = new Y.Doc();
    expect(checkClientUpdate(server, new Uint8Array([1, 2, 3]), known)).toMatchObject({ ok: false });
    const elsewhere = new Y.Doc();
    elsewhere.getXmlFragment("free:header").insert(0, [paragraph("别处")]);
    const sv = Y.encodeStateVector(elsewhere);
    ((elsewhere.getXmlFragment("free:header").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "续");
    expect(checkClientUpdate(server, Y.encodeStateAsUpdate(elsewhere, sv), known)).toMatchObject({ ok: false, reason: expect.stringContaining("resync") });
  });

  it("recognizes an empty update", () => {
    const server = new Y.Doc();
    expect(checkClientUpdate(server, Y.encodeStateAsUpdate(new Y.Doc()), known)).toEqual({ ok: true, isEmpty: true });
  });
});
