/**
 * `npm run witness` — runs the witness (c2sp.org/tlog-witness) until SIGINT/SIGTERM.
 * `npm run witness -- vkey`      prints the witness's verifier key (give it to the logs: YISHI_WITNESSES)
 * `npm run witness -- refusals`  prints the refused checkpoints kept as evidence (JSON)
 * `npm run witness -- logs`      prints each accepted log and the latest size cosigned
 * `npm run witness -- township-vkeys`  prints the verifier keys of the township witnesses that the Yishi server in
 *                                       YISHI_DATA_DIR hosts (server/witness/township.ts), one `<township id> <vkey>` a line
 * Settings: server/witness/config.ts and README "Running a witness".
 */

import { auditHost } from "../audit/store";
import { readConfig } from "../config";
import { loadLogList, loadWitnessKey, WitnessConfigError, witnessConfig } from "./config";
import { ed25519Cosigner } from "./cosigner";
import { createWitnessServer, listen } from "./server";
import { openWitnessStore } from "./store";
import { townshipWitnessDir, townshipWitnessVkeys } from "./township";
import { Witness } from "./witness";

async function main(): Promise<void> {
  const command = process.argv[2] ?? "serve";
  if (command === "township-vkeys") {
    const yishi = readConfig();
    const keys = townshipWitnessVkeys(townshipWitnessDir(yishi.dataDir), auditHost(yishi.publicOrigin ?? ""));
    if (keys.length === 0) console.error("还没有镇街见证密钥 no township witness key yet (the Yishi server creates one per township at start)");
    for (const { townshipId, vkey } of keys) console.log(`${townshipId} ${vkey}`);
    return;
  }
  const config = witnessConfig();
  const { key, file, created } = loadWitnessKey(config);
  const cosigner = ed25519Cosigner(config.name, key);
  if (command === "vkey") {
    console.log(cosigner.vkey);
    return;
  }
  const logs = loadLogList(config);
  const store = await openWitnessStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  if (command === "refusals" || command === "logs") {
    const out =
      command === "refusals"
        ? { refusals: await store.refusals({ origin: process.argv[3] }) }
        : { logs: (await store.logs()).map(({ origin, size, updatedAt }) => ({ origin, size, updatedAt, accepted: logs.has(origin) })) };
    console.log(JSON.stringify(out, null, 2));
    await store.close();
    return;
  }
  if (command !== "serve") throw new WitnessConfigError(`unknown command ${command} (serve, vkey, refusals, logs, township-vkeys)`);
  if (created && file) console.log(`已生成见证密钥 witness key created: ${file}`);
  const server = createWitnessServer(new Witness(cosigner, logs, store), store, logs);
  const port = await listen(server, config.port, config.host);
  console.log(`见证服务已启动 witness listening on http://${config.host}:${port} (${logs.size} logs)`);
  console.log(`vkey ${cosigner.vkey}`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void store.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  const message = (error as Error).message;
  console.error(error instanceof WitnessConfigError ? `见证配置错误 witness configuration: ${message}` : `witness: ${message}`);
  process.exit(1);
});
