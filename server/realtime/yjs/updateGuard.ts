/**
 * The server's check of every Yjs update an editor sends, before it touches the document.
 *
 * The minutes' record blocks are never in the Yjs document: they are rebuilt from the database each time. The
 * document holds only the free text, one root XmlFragment per record block (`free:<blockId>`). So an update is
 * acceptable when every struct it adds at the root level goes into such a fragment, as an XML node. Structs deeper
 * down hang off items that already passed this check (or arrive in the same update and pass it), and deletions can
 * only remove free text, since nothing else exists in the document.
 */
import * as Y from "yjs";
import { isSectionName, SECTION_PREFIX } from "../../minutes/sections";

export type GuardResult = { ok: true; isEmpty: boolean } | { ok: false; reason: string };

type Where = { kind: "root"; name: string } | { kind: "nested" } | { kind: "unknown" };

function isXmlNode(content: unknown): boolean {
  if (content instanceof Y.ContentDeleted) return true;
  if (!(content instanceof Y.ContentType)) return false;
  return content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText;
}

function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  for (const [name, shared] of doc.share) if (shared === type) return name;
  return null;
}

/** Where an item already in the document sits: directly in a root type, or deeper. */
function locateExisting(doc: Y.Doc, id: Y.ID): Where {
  if (Y.getState(doc.store, id.client) <= id.clock) return { kind: "unknown" };
  const existing = Y.getItem(doc.store, id) as Y.Item | Y.GC;
  // An item next to collected garbage is itself dropped by Yjs on integration.
  if (!(existing instanceof Y.Item)) return { kind: "nested" };
  const parent = existing.parent as Y.AbstractType<unknown> | null;
  if (parent === null || parent._item !== null) return { kind: "nested" };
  const name = rootNameOf(doc, parent);
  return name === null ? { kind: "unknown" } : { kind: "root", name };
}

/**
 * Resolves where each item of an update lands. An item without an explicit parent takes its neighbour's (its origin
 * or right origin), which may itself be in the update: chains are followed iteratively and memoized.
 */
function locator(doc: Y.Doc, incoming: readonly Y.Item[]): (item: Y.Item) => Where {
  const byClient = new Map<number, Y.Item[]>();
  for (const item of incoming) byClient.set(item.id.client, [...(byClient.get(item.id.client) ?? []), item]);
  const findIncoming = (id: Y.ID): Y.Item | undefined => {
    const list = byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = list[mid] as Y.Item;
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return undefined;
  };
  const memo = new Map<Y.Item, Where>();
  return (start) => {
    const chain = new Set<Y.Item>();
    let result: Where = { kind: "unknown" };
    for (let current: Y.Item | undefined = start; current !== undefined; ) {
      const known = memo.get(current);
      if (known) {
        result = known;
        break;
      }
      if (chain.has(current)) break;
      chain.add(current);
      const parent: unknown = current.parent;
      if (typeof parent === "string") {
        result = { kind: "root", name: parent };
        break;
      }
      if (parent !== null) {
        result = { kind: "nested" };
        break;
      }
      const neighbour = current.origin ?? current.rightOrigin;
      if (!neighbour) break;
      current = findIncoming(neighbour);
      if (current === undefined) result = locateExisting(doc, neighbour);
    }
    for (const item of chain) memo.set(item, result);
    return result;
  };
}

/**
 * @param doc the server's document the update would be applied to (read only here).
 * @param knownBlocks block ids in the record now; free text for any other block is refused (an editor may not
 *   write under a vote that has not closed yet).
 */
export function checkClientUpdate(doc: Y.Doc, update: Uint8Array, knownBlocks: ReadonlySet<string>): GuardResult {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: "malformed update" };
  }
  const incoming = decoded.structs.filter((s): s is Y.Item => s instanceof Y.Item);
  const whereOf = locator(doc, incoming);
  for (const item of incoming) {
    const where = whereOf(item);
    if (where.kind === "nested") continue;
    if (where.kind === "unknown") return { ok: false, reason: "the update depends on state the server does not have; resync" };
    if (!isSectionName(where.name)) return { ok: false, reason: "writes outside the free text" };
    if (!knownBlocks.has(where.name.slice(SECTION_PREFIX.length))) return { ok: false, reason: "free text for a block that is not in the record" };
    if (item.parentSub !== null) return { ok: false, reason: "a free-text section is not a map" };
    if (!isXmlNode(item.content)) return { ok: false, reason: "a free-text section holds only paragraphs" };
  }
  return { ok: true, isEmpty: incoming.length === 0 && decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
}
