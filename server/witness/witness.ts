/**
 * The witness itself (c2sp.org/tlog-witness, add-checkpoint): checks a submitted checkpoint against the logs it is
 * configured with and the latest tree it cosigned for that log, and answers with the HTTP status and body the
 * specification prescribes. HTTP plumbing is server.ts; state is store.ts.
 */

import type { NoteVerifier } from "../audit/verify.mjs";
import { EMPTY_ROOT, parseCheckpointBody, parseNote, verifyConsistency, verifyNote } from "../audit/verify.mjs";
import type { Cosigner } from "./cosigner";
import { parseAddCheckpoint } from "./protocol";
import type { WitnessStore } from "./store";

export type WitnessResponse = { status: number; body: string; contentType: string };

/** The logs a witness accepts: origin → the log's verifier keys (c2sp.org/signed-note vkeys). */
export type LogList = ReadonlyMap<string, readonly NoteVerifier[]>;

const TEXT = "text/plain; charset=utf-8";
const SIZE = "text/x.tlog.size";
const reply = (status: number, body: string, contentType = TEXT): WitnessResponse => ({ status, body: body.endsWith("\n") ? body : `${body}\n`, contentType });

export class Witness {
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly #now: () => number;

  constructor(
    private readonly cosigner: Cosigner,
    private readonly logs: LogList,
    private readonly store: WitnessStore,
    options: { now?: () => number } = {},
  ) {
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  get vkey(): string {
    return this.cosigner.vkey;
  }

  async addCheckpoint(body: string): Promise<WitnessResponse> {
    let request: ReturnType<typeof parseAddCheckpoint>;
    let note: ReturnType<typeof parseNote>;
    let head: ReturnType<typeof parseCheckpointBody>;
    try {
      request = parseAddCheckpoint(body);
      note = parseNote(request.checkpoint);
      head = parseCheckpointBody(note.text);
    } catch (error) {
      return reply(400, `bad request: ${(error as Error).message}`);
    }
    const verifiers = this.logs.get(head.origin);
    if (!verifiers) return reply(404, `unknown log ${head.origin}`);
    try {
      verifyNote(request.checkpoint, verifiers);
    } catch (error) {
      return reply(403, `checkpoint signature: ${(error as Error).message}`);
    }
    if (request.oldSize > head.size) return reply(400, `old size ${request.oldSize} is larger than the checkpoint size ${head.size}`);
    if (head.size === 0 && !head.root.equals(EMPTY_ROOT)) return reply(422, "a checkpoint of size 0 must have the empty tree's root");
    // One request per log at a time inside this process; the store's conditional write covers other processes.
    return this.#serialized(head.origin, async () => {
      const state = await this.store.get(head.origin);
      const known = state?.size ?? 0;
      if (request.oldSize !== known) return reply(409, `${known}`, SIZE);
      const refuse = async (reason: string): Promise<WitnessResponse> => {
        await this.store.recordRefusal({
          origin: head.origin,
          status: 422,
          reason,
          oldSize: request.oldSize,
          proof: request.proof.map((hash) => hash.toString("base64")),
          submitted: request.checkpoint,
          known: state?.note ?? null,
        });
        return reply(422, reason);
      };
      if (request.oldSize === 0) {
        if (request.proof.length > 0) return refuse("the consistency proof must be empty when the old size is 0");
        if (state && state.size === 0 && head.size === 0 && !state.root.equals(head.root)) return refuse("different root for the empty tree");
      } else if (!state || !verifyConsistency(state.size, head.size, state.root, head.root, request.proof)) {
        const why =
          head.size === known
            ? `size ${head.size} has a different root hash than the checkpoint this witness cosigned`
            : `the consistency proof from the cosigned size ${known} to ${head.size} does not verify`;
        return refuse(why);
      }
      const cosignature = this.cosigner.cosign(note.text, Math.max(1, this.#now()));
      const logLines = note.signatures
        .filter((sig) => verifiers.some((v) => v.name === sig.name && v.keyId === sig.keyId))
        .map((sig) => {
          const id = Buffer.alloc(4);
          id.writeUInt32BE(sig.keyId);
          return `\u2014 ${sig.name} ${Buffer.concat([id, sig.signature]).toString("base64")}\n`;
        });
      const stored = `${note.text}\n${logLines.join("")}${cosignature}`;
      const from = state ? { size: state.size, root: state.root } : null;
      // Persist before answering (tlog-witness §add-checkpoint): a cosignature never leaves unless its tree is stored.
      if (!(await this.store.advance(head.origin, from, { size: head.size, root: head.root, note: stored }))) {
        const now = await this.store.get(head.origin);
        return reply(409, `${now?.size ?? 0}`, SIZE);
      }
      return reply(200, cosignature);
    });
  }

  /** The latest cosigned checkpoint of a log (monitoring API), or null. */
  async checkpoint(origin: string): Promise<string | null> {
    return (await this.store.get(origin))?.note ?? null;
  }

  #serialized<T>(origin: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(origin) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.#queues.set(origin, tail);
    void tail.then(() => {
      if (this.#queues.get(origin) === tail) this.#queues.delete(origin);
    });
    return run;
  }
}
