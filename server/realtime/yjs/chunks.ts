/**
 * A sync message larger than a socket frame (MAX_FRAME_BYTES) — what a long offline session sends on rejoining —
 * arrives in parts, each a slice of the base64 text at a multiple of 4 characters, so the joined slices are the
 * base64 of the whole. Parts are kept per socket, in memory, for a bounded size and number of messages.
 */
import { AppError } from "../../errors";
import type { SyncPart } from "../../minutes/protocol";

const MAX_PARTS = 256;
const MAX_OPEN = 2;

type Assembly = { count: number; parts: (string | undefined)[]; received: number };

export class PartAssembler {
  private readonly open = new Map<string, Assembly>();

  /** The whole message once every part arrived; null while parts are missing; AppError on an inconsistent part. */
  add(part: SyncPart, text: string): string | null {
    if (part.count > MAX_PARTS || part.index >= part.count) throw new AppError("invalid_input", "part out of range", { field: "part" });
    let assembly = this.open.get(part.id);
    if (!assembly) {
      // A client that gave up on a message (a reconnect) leaves its parts behind: keep only the newest few.
      if (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value as string);
      assembly = { count: part.count, parts: new Array<string | undefined>(part.count), received: 0 };
      this.open.set(part.id, assembly);
    }
    if (assembly.count !== part.count) throw new AppError("invalid_input", "part count changed", { field: "part" });
    if (assembly.parts[part.index] === undefined) assembly.received += 1;
    assembly.parts[part.index] = text;
    if (assembly.received < assembly.count) return null;
    this.open.delete(part.id);
    return assembly.parts.join("");
  }
}
