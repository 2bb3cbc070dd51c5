import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { StartupError } from "../config";

/**
 * PGlite is single-process: two owners of one data directory would corrupt it. The lock file holds the owner's PID;
 * a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, "yishi.lock");
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, "utf8").trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new StartupError(`无法锁定数据目录 ${dataDir}: ${(error as Error).message} (cannot lock the data directory)`);
      }
      const owner = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new StartupError(
          `数据目录 ${dataDir} 正被另一个议事进程（PID ${owner}）使用；请先停止它，或用 YISHI_DATA_DIR 指定另一个目录。` +
            ` (The data directory is in use by another Yishi process, PID ${owner}.)`,
        );
      }
      unlinkSync(file); // stale lock of a crashed process
    }
  }
  throw new StartupError(`无法锁定数据目录 ${dataDir} (cannot lock the data directory)`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
