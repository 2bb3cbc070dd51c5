/**
 * `npm run certify:backfill`: gives every decision announced before decision certificates existed (issue #23) its
 * short ID and `decision.certified` entry, and signs a checkpoint so the new entries can be proven. Prints each ID
 * issued; a second run issues none. The server does the same at every start; this is for an operator who wants it
 * now, e.g. on PostgreSQL beside a running server. Exit 0 on success, 2 on a start-up problem.
 *
 * PGlite is single-process: while the server runs, this command cannot open the embedded database (restart the
 * server instead: it backfills on start).
 */
import { checkpointAllOrgs } from "../audit/checkpointer";
import { certifyPastDecisions } from "../commands/matter/certifyPastDecisions";
import { openForCli } from "./open";

async function main(): Promise<number> {
  const db = await openForCli(
    "certify-backfill",
    "内置数据库（PGlite）同一时间只能由一个进程打开：服务器运行时，请重启服务器（启动时会补发凭证）。\nThe embedded database (PGlite) can be opened by one process at a time: while the server runs, restart it instead (it certifies past decisions at start).",
  );
  try {
    const issued = await certifyPastDecisions();
    if (issued.length > 0) await checkpointAllOrgs();
    for (const { motionId, code } of issued) console.log(`${code}  ${motionId}`);
    console.log(
      issued.length === 0
        ? "没有需要补发凭证的决议 no decision lacked a certificate"
        : `已补发 ${issued.length} 份决议凭证 certified ${issued.length} past decisions`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
