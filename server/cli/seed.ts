/** `npm run seed`: creates the demo village in an empty database and prints the demo logins. */
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from "../../prisma/seed";
import { StartupError } from "../config";
import { flushAllMinutes } from "../minutes";
import { openForCli } from "./open";

async function main(): Promise<void> {
  const db = await openForCli("seed");
  try {
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
