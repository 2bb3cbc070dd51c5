/**
 * The body of a c2sp.org/tlog-witness add-checkpoint request:
 *
 *   old <size>\n
 *   <base64 consistency proof hash>\n      (0 to 63 of them)
 *   \n
 *   <checkpoint note>
 *
 * Parsing only: a malformed body is a 400 Bad Request. What the sizes and proof mean is witness.ts's.
 */
import { decodeBase64 } from "../audit/verify.mjs";

export const MAX_PROOF_LINES = 63;

export type AddCheckpointRequest = { oldSize: number; proof: Buffer[]; checkpoint: string };

export class BadRequest extends Error {}

const SIZE_RE = /^old (0|[1-9][0-9]*)$/;

export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const lines: string[] = [];
  let rest = body;
  for (;;) {
    const nl = rest.indexOf("\n");
    if (nl < 0) throw new BadRequest("the request ends before the blank line that precedes the checkpoint");
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    if (line === "") break;
    lines.push(line);
    if (lines.length > MAX_PROOF_LINES + 1) throw new BadRequest(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  }
  const match = SIZE_RE.exec(lines[0] ?? "");
  if (!match || !Number.isSafeInteger(Number(match[1]))) throw new BadRequest("the first line must be `old <size>` in decimal");
  const proof = lines.slice(1).map((line, i) => {
    let hash: Buffer;
    try {
      hash = decodeBase64(line, `proof line ${i + 1}`);
    } catch (error) {
      throw new BadRequest((error as Error).message);
    }
    if (hash.length !== 32) throw new BadRequest(`proof line ${i + 1} is not a 32-byte hash`);
    return hash;
  });
  return { oldSize: Number(match[1]), proof, checkpoint: rest };
}

export function formatAddCheckpoint(request: { oldSize: number; proof: readonly Uint8Array[]; checkpoint: string }): string {
  const proof = request.proof.map((hash) => `${Buffer.from(hash).toString("base64")}\n`).join("");
  return `old ${request.oldSize}\n${proof}\n${request.checkpoint}`;
}
