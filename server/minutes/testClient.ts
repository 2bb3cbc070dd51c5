/**
 * A minutes editor as the browser runs it, without the browser: the same provider (app/components/minutes), a Y.Doc
 * and the ProseMirror-shaped XML Tiptap writes. For integration tests and the benchmark.
 */
import { io as connect, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { MinutesProvider } from "../../app/components/minutes/MinutesProvider";
import { sectionName } from "./sections";

export type MinutesClient = {
  socket: Socket;
  provider: MinutesProvider;
  doc: Y.Doc;
  errors: { code: string; message: string }[];
  close(): void;
};

export async function minutesClient(url: string, meetingId: string, cookie?: string): Promise<MinutesClient> {
  const socket = connect(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnectionDelay: 100, reconnectionDelayMax: 500 });
  const doc = new Y.Doc();
  const provider = new MinutesProvider(socket, meetingId, doc);
  const errors: MinutesClient["errors"] = [];
  provider.on("error", (error) => errors.push(error));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`minutes did not sync: ${JSON.stringify(errors)}`)), 20_000);
    provider.on("synced", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    socket,
    provider,
    doc,
    errors,
    close() {
      provider.destroy();
      socket.close();
      doc.destroy();
    },
  };
}

/** The plain text of one section: paragraphs joined by new lines. */
export function sectionText(doc: Y.Doc, blockId: string): string {
  return doc
    .getXmlFragment(sectionName(blockId))
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((t) => (t instanceof Y.XmlText ? t.toString() : ""))
            .join("")
        : "",
    )
    .join("\n");
}

/** Appends a paragraph, as pressing Enter and typing does. */
export function addParagraph(doc: Y.Doc, blockId: string, text: string): void {
  const fragment = doc.getXmlFragment(sectionName(blockId));
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

/** Types into the paragraph at `index` at `offset` (default: its end), as typing inside a line does. */
export function typeInParagraph(doc: Y.Doc, blockId: string, index: number, text: string, offset?: number): void {
  const paragraph = doc.getXmlFragment(sectionName(blockId)).get(index);
  if (!(paragraph instanceof Y.XmlElement)) throw new Error(`no paragraph ${index} in ${blockId}`);
  let node = paragraph.get(0);
  if (!(node instanceof Y.XmlText)) {
    node = new Y.XmlText();
    paragraph.insert(0, [node]);
  }
  const target = node as Y.XmlText;
  target.insert(offset ?? target.length, text);
}

export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
