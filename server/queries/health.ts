/** Whether this node can serve: its database answers (the /api/health probe of load balancers and operators). */
import { currentDb } from "../db";

export type DatabaseHealth = { kind: "pglite" | "postgres"; reachable: boolean };

export async function databaseHealth(): Promise<DatabaseHealth> {
  const db = currentDb();
  try {
    await db.sql.query("SELECT 1");
    return { kind: db.kind, reachable: true };
  } catch {
    return { kind: db.kind, reachable: false };
  }
}
