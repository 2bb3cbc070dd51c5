import { NextResponse } from "next/server";
import { databaseHealth } from "@/server/queries/health";
import { getRuntime, hasRuntime } from "@/server/runtime";

export const dynamic = "force-dynamic";

/** 200 with {status, db, version} while the database answers; 503 otherwise (load balancers take the node out). */
export async function GET(): Promise<NextResponse> {
  if (!hasRuntime()) return NextResponse.json({ status: "starting", db: "unknown", version: null }, { status: 503 });
  const runtime = getRuntime();
  const db = await databaseHealth();
  if (!db.reachable) return NextResponse.json({ status: "db_unavailable", db: db.kind, version: runtime.version }, { status: 503 });
  const status = runtime.shuttingDown ? 503 : 200;
  return NextResponse.json(
    { status: runtime.shuttingDown ? "shutting_down" : "ok", db: db.kind, version: runtime.version },
    { status, headers: { "cache-control": "no-store" } },
  );
}
