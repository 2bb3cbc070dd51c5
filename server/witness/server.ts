/**
 * HTTP front of the witness (c2sp.org/tlog-witness), with the submission and monitoring prefixes both at "/":
 *
 *   POST /add-checkpoint               the protocol's one write call
 *   GET  /<sha256(origin) hex>/checkpoint   latest cosigned checkpoint of a log (404 if none)
 *   GET  /refusals[?origin=…]          evidence: refused checkpoints with the proof and the cosigned checkpoint (JSON)
 *   GET  /                             name and verifier key (text)
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { errorFields, logger } from "../ops/logger";
import type { WitnessStore } from "./store";
import type { LogList, Witness } from "./witness";

const MAX_BODY = 64 * 1024;

function send(res: http.ServerResponse, status: number, body: string, contentType = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The witness's request handler, for its own server (createWitnessServer) or mounted under `prefix` in another
 * deployment's HTTP server (a township server hosting its witness beside its other pages). Returns false for a path
 * outside the prefix, leaving the request to the host.
 */
export function witnessHandler(
  witness: Witness,
  store: WitnessStore,
  logs: LogList,
  prefix = "",
): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const byHash = new Map([...logs.keys()].map((origin) => [createHash("sha256").update(origin).digest("hex"), origin]));
  const base = prefix.replace(/\/+$/, "");
  return (req, res) => {
    const full = new URL(req.url ?? "/", "http://witness");
    if (base !== "" && full.pathname !== base && !full.pathname.startsWith(`${base}/`)) return false;
    const url = { pathname: full.pathname.slice(base.length) || "/", searchParams: full.searchParams };
    const handle = async (): Promise<void> => {
      if (url.pathname === "/add-checkpoint") {
        if (req.method !== "POST") return send(res, 405, "add-checkpoint is a POST\n");
        const body = await readBody(req);
        if (body === null) return send(res, 413, "request body too large\n");
        const answer = await witness.addCheckpoint(body);
        return send(res, answer.status, answer.body, answer.contentType);
      }
      if (req.method !== "GET") return send(res, 405, "method not allowed\n");
      const monitor = /^\/([0-9a-f]{64})\/checkpoint$/.exec(url.pathname);
      if (monitor) {
        const origin = byHash.get(monitor[1] as string);
        const note = origin ? await witness.checkpoint(origin) : null;
        return note ? send(res, 200, note) : send(res, 404, "no cosigned checkpoint for this log\n");
      }
      if (url.pathname === "/refusals") {
        const refusals = await store.refusals({ origin: url.searchParams.get("origin") ?? undefined });
        return send(res, 200, `${JSON.stringify({ refusals }, null, 2)}\n`, "application/json; charset=utf-8");
      }
      if (url.pathname === "/") return send(res, 200, `Yishi witness (c2sp.org/tlog-witness)\nvkey ${witness.vkey}\nlogs ${logs.size}\n`);
      return send(res, 404, "not found\n");
    };
    handle().catch((error: unknown) => {
      logger().error(errorFields(error), "witness request failed");
      if (!res.headersSent) send(res, 500, "internal error\n");
      else res.destroy();
    });
    return true;
  };
}

export function createWitnessServer(witness: Witness, store: WitnessStore, logs: LogList): http.Server {
  const handle = witnessHandler(witness, store, logs);
  return http.createServer((req, res) => {
    handle(req, res);
  });
}

/**
 * Clients SHOULD keep connections alive (tlog-witness §HTTP Interface). The server keeps an idle connection longer than
 * Node's fetch does (4 s), so the client always closes first and never sends on a socket the server is closing.
 */
const KEEP_ALIVE_MS = 30_000;

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 5_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
