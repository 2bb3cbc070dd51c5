/**
 * Test factory for witness tests and the benchmark: a log as a list of leaf hashes, signed by its own Ed25519 key under
 * its origin, and add-checkpoint bodies for it. Signs whatever tree it is given (a rewritten history too), as a
 * dishonest operator with the key could.
 */
import { createHash, generateKeyPairSync, type KeyObject } from "node:crypto";
import { signCheckpoint } from "../audit/checkpoint";
import { consistencyProof, merkleRoot } from "../audit/merkle";
import { ed25519NoteSigner, formatVkey, rawEd25519PublicKey } from "../audit/note";
import { formatAddCheckpoint } from "./protocol";

export class TestLog {
  readonly key: KeyObject;
  leaves: Buffer[] = [];

  constructor(
    readonly origin: string,
    key?: KeyObject,
  ) {
    this.key = key ?? generateKeyPairSync("ed25519").privateKey;
  }

  get vkey(): string {
    return formatVkey(this.origin, rawEd25519PublicKey(this.key));
  }

  /** Appends `count` leaves whose content depends on `salt` (two salts: two different histories). */
  grow(count: number, salt = "a"): this {
    for (let i = 0; i < count; i += 1) {
      this.leaves.push(createHash("sha256").update(`${this.origin}|${salt}|${this.leaves.length}`).digest());
    }
    return this;
  }

  fork(): TestLog {
    const copy = new TestLog(this.origin, this.key);
    copy.leaves = [...this.leaves];
    return copy;
  }

  root(size = this.leaves.length): Buffer {
    return merkleRoot(this.leaves, size);
  }

  checkpoint(size = this.leaves.length): string {
    return signCheckpoint({ origin: this.origin, size, root: this.root(size) }, [ed25519NoteSigner(this.origin, this.key)]);
  }

  /** An add-checkpoint body from `oldSize` to the whole log (or to `size`). */
  request(oldSize: number, size = this.leaves.length): string {
    return formatAddCheckpoint({ oldSize, proof: consistencyProof(oldSize, this.leaves, size), checkpoint: this.checkpoint(size) });
  }
}
