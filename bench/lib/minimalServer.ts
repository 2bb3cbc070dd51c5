/**
 * The floor for restart and idle memory (issue #24): a custom server on Yishi's own stack with none of its code —
 * Next 16 prepared on a one-page app with a /api/health route, and Socket.IO 4.8 on the same port answering a
 * `meeting:join` by joining a room. Its Next app is built once (by the bench, under .next-builds/, which neither git
 * nor the web build's source hash looks at) and reused while the Next version stays the same.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

const FILES: Record<string, string> = {
  "next.config.mjs": "export default { poweredByHeader: false, reactStrictMode: true };\n",
  "app/layout.js": 'export default function Layout({ children }) { return <html lang="zh-CN"><body>{children}</body></html>; }\n',
  "app/page.js": "export default function Page() { return <main>议事</main>; }\n",
  "app/api/health/route.js":
    'export const dynamic = "force-dynamic";\nexport async function GET() { return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } }); }\n',
  // The same Socket.IO options as Yishi's server (server/realtime/io.ts) and the baseline (bench/lib/baselineServer.ts).
  "server.mjs": `import { createServer } from "node:http";
import next from "next";
import { Server } from "socket.io";

const port = Number(process.env.PORT);
const app = next({ dev: false, dir: import.meta.dirname, hostname: "127.0.0.1", port });
await app.prepare();
const handle = app.getRequestHandler();
const http = createServer((req, res) => void handle(req, res));
const io = new Server(http, { path: "/socket.io", maxHttpBufferSize: 64 * 1024, serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.on("connection", (socket) => {
  socket.on("meeting:join", async (payload, ack) => {
    await socket.join(\`meeting:\${payload?.meetingId}:public\`);
    ack({ ok: true });
  });
});
http.listen(port, "127.0.0.1", () => console.log("MINIMAL_LISTENING"));
process.on("SIGTERM", () => io.close(() => process.exit(0)));
`,
};

/** The minimal app's folder, built when missing or made by another Next version. */
export function minimalServerDir(): string {
  const dir = path.join(ROOT, ".next-builds", "bench-minimal");
  const nextVersion = (JSON.parse(readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")) as { version: string }).version;
  const stamp = path.join(dir, "built-with");
  const wanted = `${nextVersion}\n${JSON.stringify(FILES)}`;
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return dir;
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const built = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build", dir], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) throw new Error(`building the minimal Next app failed:\n${built.stderr?.toString() ?? ""}`);
  writeFileSync(stamp, wanted);
  return dir;
}
