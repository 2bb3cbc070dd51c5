/**
 * `npm run audit:rotate-key [-- --record] [--data-dir DIR]`: adds a new audit signing key beside the old one
 * (server/ops/rotateKey.ts). With the server running, the server does it (POST /ops/rotate-key on this machine), so
 * it signs with the new key at once; otherwise the tool opens the database itself.
 * With YISHI_AUDIT_KEY the new key set is written to <dataDir>/audit-key.next.pem: put it into YISHI_AUDIT_KEY on
 * every node, restart them, then run this again with --record.
 */
import { findRunningServer } from "../ops/opsEndpoint";
import { type RotationResult, rotateAuditKey } from "../ops/rotateKey";
import { openForTool, parseArgs, requireAuditKey, runTool, toolConfig, UsageError } from "../ops/toolRuntime";

const USAGE = "usage: npm run audit:rotate-key [-- --record] [--data-dir DIR]";

function report(result: RotationResult): void {
  if (result.kind === "env-pending") {
    console.log(`新密钥已生成 a new key was generated. The keys come from YISHI_AUDIT_KEY, which only you can change:`);
    console.log(`  1. ${result.file} holds the old and the new key (${result.keys} keys, oldest first; mode 0600).`);
    console.log(`  2. Set YISHI_AUDIT_KEY on EVERY node to its content, e.g. YISHI_AUDIT_KEY="$(base64 -w0 ${result.file})", and restart the nodes.`);
    console.log("  3. Run: npm run audit:rotate-key -- --record   (records key.rotated in every log and signs with both keys)");
    console.log(`  4. Keep a copy of the file offline, then delete it from the data directory.`);
    return;
  }
  console.log(
    `审计密钥已轮换 audit key rotated: ${result.keys} keys sign from now on; key.rotated recorded in ${result.organizations} organizations' logs; ${result.checkpoints} checkpoints signed by all keys.`,
  );
  console.log(`new public key (raw Ed25519, base64): ${result.newKey}. Supervisors get it in the next export's vkey; back up the data directory now.`);
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2), ["--data-dir"], ["--record"]);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (args.rest.length > 0) throw new UsageError(`unexpected ${args.rest[0]}`);
  const record = args.on.has("--record");
  const config = toolConfig(args.values["--data-dir"]);
  const server = findRunningServer(config.dataDir);
  if (server) {
    const response = await fetch(`${server.url}/ops/${record ? "record-key" : "rotate-key"}`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}` },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`the server refused: ${response.status} ${text.trim()}`);
    report(JSON.parse(text) as RotationResult);
    return 0;
  }
  requireAuditKey(config);
  const db = await openForTool(config, "The data directory is locked but no running server answered.");
  try {
    report(await rotateAuditKey({ record }));
    return 0;
  } finally {
    await db.close();
  }
}

runTool("audit:rotate-key", USAGE, main);
