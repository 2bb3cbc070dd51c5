/**
 * Talks to a process started with --inspect (Chrome DevTools Protocol): a full garbage collection before memory is
 * read, and the process's own memory figures. A tiny WebSocket client (one masked text frame out, the answer's
 * frames in) keeps the benchmark free of extra packages.
 */
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import type { Socket } from "node:net";

/** The inspector's WebSocket URL from a process's output ("Debugger listening on ws://…"). */
export function inspectorUrl(output: string): string | null {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
}

function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const header =
    payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, masked]);
}

/** Text frames (unmasked, from the server) complete in `data`; returns their payloads and the bytes left over. */
function readFrames(data: Buffer): { texts: string[]; rest: Buffer } {
  const texts: string[] = [];
  let at = 0;
  for (;;) {
    if (data.length - at < 2) break;
    let length = (data[at + 1] as number) & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (data.length - at < 4) break;
      length = data.readUInt16BE(at + 2);
      offset = at + 4;
    } else if (length === 127) {
      if (data.length - at < 10) break;
      length = Number(data.readBigUInt64BE(at + 2));
      offset = at + 10;
    }
    if (data.length < offset + length) break;
    texts.push(data.subarray(offset, offset + length).toString("utf8"));
    at = offset + length;
  }
  return { texts, rest: data.subarray(at) };
}

/** Sends one CDP command and resolves with its result object. */
async function cdp(url: string, method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const target = new URL(url);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const req = request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": randomBytes(16).toString("base64") },
    });
    req.on("upgrade", (_res, upgraded: Socket, head: Buffer) => {
      if (head.length > 0) upgraded.unshift(head);
      resolve(upgraded);
    });
    req.on("error", reject);
    req.end();
  });
  try {
    return await new Promise((resolve, reject) => {
      let buffered: Buffer = Buffer.alloc(0);
      const timer = setTimeout(() => reject(new Error(`${method}: no answer from the inspector`)), 60_000);
      socket.on("data", (chunk: Buffer) => {
        const { texts, rest } = readFrames(Buffer.concat([buffered, chunk]));
        buffered = rest;
        for (const text of texts) {
          const message = JSON.parse(text) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
          if (message.id !== 1) continue;
          clearTimeout(timer);
          if (message.error) reject(new Error(`${method}: ${message.error.message}`));
          else resolve(message.result ?? {});
        }
      });
      socket.write(frame(JSON.stringify({ id: 1, method, params })));
    });
  } finally {
    socket.destroy();
  }
}

export type Memory = { rss: number; heapUsed: number; external: number };

/** Full garbage collection (twice: the first may only run finalizers), then process.memoryUsage() in KB. */
export async function settledMemory(url: string): Promise<Memory> {
  await cdp(url, "HeapProfiler.collectGarbage");
  await cdp(url, "HeapProfiler.collectGarbage");
  const answer = await cdp(url, "Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())", returnByValue: true });
  const value = (answer.result as { value?: string } | undefined)?.value ?? "{}";
  const usage = JSON.parse(value) as { rss?: number; heapUsed?: number; external?: number };
  const kb = (bytes: number | undefined) => Math.round((bytes ?? Number.NaN) / 1024);
  return { rss: kb(usage.rss), heapUsed: kb(usage.heapUsed), external: kb(usage.external) };
}
