import type { Server as SocketServer } from "socket.io";
import type { Config } from "./config";
import type { Database } from "./db/client";

/**
 * What one Yishi process holds. Next's bundle and the tsx server load separate copies of our modules, so the live
 * objects sit on globalThis and both sides read them from here; only plain data crosses between the two.
 */
export type Runtime = {
  config: Config;
  db: Database;
  version: string;
  io?: SocketServer;
  /** Commands under way; shutdown waits for them before closing the database. */
  inFlight: Set<Promise<unknown>>;
  shuttingDown: boolean;
};

const KEY = "__yishiRuntime";
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime): void {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) throw new Error("Yishi runtime not started: run the app through server/index.ts (npm start)");
  return runtime;
}

export function hasRuntime(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}
