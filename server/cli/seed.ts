/** `npm run seed`: creates the demo village in an empty database and prints the demo logins. */
import nextEnv from "@next/env";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from "../../prisma/seed";
import { ensureDataDir, readConfig, StartupError } from "../config";
import { openDatabase, withDedicatedConnection } from "../db/client";
import { migrate } from "../db/migrate";
import { flushAllMinutes } from "../minutes";
import { setRuntime } from "../runtime";

async function main(): Promise<void> {
  nextEnv.loadEnvConfig(process.cwd());
  const config = readConfig();
  ensureDataDir(config.dataDir);
  const db = await openDatabase(config);
  try {
    await withDedicatedConnection(db, config.databaseUrl, (sql) => migrate(sql));
    setRuntime({ config, db, version: "seed", inFlight: new Set(), shuttingDown: false });
    const seeded = await seedDemoIfEmpty();
    console.log(seeded ? "已创建演示村 (demo village created)." : "数据库不是空的，未重复创建 (database not empty; nothing seeded).");
    console.log(`演示账号 demo logins (密码 password: ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.phone}  ${account.name}  ${account.role}`);
  } finally {
    await flushAllMinutes();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof StartupError ? error.message : `seed failed: ${(error as Error).message}`);
  process.exit(1);
});
