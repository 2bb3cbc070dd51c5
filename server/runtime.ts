import type { Server as SocketServer } from "socket.io";
import type { Config } from "./config";
import type { Database } from "./db/client";
import { processSlot } from "./singleton";

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

const current = processSlot<Runtime>("__yishiRuntime");

export function setRuntime(runtime: Runtime): void {
  current.set(runtime);
}

export function getRuntime(): Runtime {
  const runtime = current.get();
  if (!runtime) throw new Error("Yishi runtime not started: run the app through server/index.ts (npm start)");
  return runtime;
}

export function hasRuntime(): boolean {
  return current.get() !== undefined;
}
