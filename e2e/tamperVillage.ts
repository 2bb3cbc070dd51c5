/**
 * Test helper for e2e/townwitness.spec.ts, run on a stopped server's data directory (PGlite is single-process):
 * rewrites one organization's audit log as a dishonest operator with the server's key could — entries and checkpoints
 * deleted behind the triggers' back, the signer's memory of its heads removed, other entries written, and a fresh
 * tree signed with the server's own key. Usage: node --import tsx e2e/tamperVillage.ts <data dir> <organization name>
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { type AppendInput, appendAuditMany } from "../server/audit/append";
import { checkpointNow } from "../server/audit/checkpointNow";
import { SIGNED_HEADS_FILE } from "../server/audit/signedHeads";
import { entryFields } from "../server/audit/testLog";
import { openDatabase, withDedicatedConnection } from "../server/db/client";
import { setRuntime } from "../server/runtime";

const [dataDir, name] = process.argv.slice(2) as [string, string];
const db = await openDatabase({ dataDir });
setRuntime({ config: { port: 0, host: "127.0.0.1", dataDir, demo: false, dev: false }, db, version: "e2e", inFlight: new Set(), shuttingDown: false });
const org = await db.prisma.organization.findFirstOrThrow({ where: { name }, select: { id: true } });
const size = await db.prisma.auditEntry.count({ where: { orgId: org.id } });
await withDedicatedConnection(db, undefined, async (sql) => {
  await sql.exec("SET session_replication_role = replica");
  await sql.exec(`DELETE FROM "AuditEntry" WHERE "orgId" = '${org.id}'`);
  await sql.exec(`DELETE FROM "AuditCheckpoint" WHERE "orgId" = '${org.id}'`);
  await sql.exec("SET session_replication_role = DEFAULT");
});
rmSync(path.join(dataDir, SIGNED_HEADS_FILE), { force: true });
const inputs: AppendInput[] = Array.from({ length: size + 2 }, (_, seq) => {
  const f = entryFields(seq, org.id);
  return { orgId: org.id, meetingId: null, actor: f.actor, action: f.action, object: f.object, data: { ...f.data, rewritten: seq }, now: new Date(f.ts) };
});
await db.prisma.$transaction((tx) => appendAuditMany(tx, inputs));
const signed = await checkpointNow(org.id);
console.log(`TAMPERED ${org.id} ${size} -> ${signed?.size}`);
await db.close();
