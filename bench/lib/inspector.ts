/**
 * Asks a process started with --inspect to collect its garbage (Chrome DevTools Protocol, HeapProfiler.collectGarbage)
 * before its memory is read: the memory per connection is what stays, not the garbage its joins left behind. A tiny
 * WebSocket client (one masked text frame out, frames in) keeps the benchmark free of extra packages.
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
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, masked]);
}

/** Sends one CDP command and resolves when its answer (same id) arrives. */
async function cdp(url: string, method: string): Promise<void> {
  const target = new URL(url);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const req = request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": randomBytes(16).toString("base64") },
    });
    req.on("upgrade", (_res, upgraded: Socket) => resolve(upgraded));
    req.on("error", reject);
    req.end();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let received = Buffer.alloc(0);
      const timer = setTimeout(() => reject(new Error(`${method}: no answer from the inspector`)), 30_000);
      socket.on("data", (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.includes(Buffer.from('"id":1'))) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.write(frame(JSON.stringify({ id: 1, method })));
    });
  } finally {
    socket.destroy();
  }
}

/** Full garbage collection in the inspected process (twice: the first may only schedule finalizers). */
export async function collectGarbage(url: string | null): Promise<boolean> {
  if (!url) return false;
  await cdp(url, "HeapProfiler.collectGarbage");
  await cdp(url, "HeapProfiler.collectGarbage");
  return true;
}
