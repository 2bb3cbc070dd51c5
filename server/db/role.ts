/**
 * Which PostgreSQL role the app runs as (issue #9). Row-level security (migration `row_level_security`) binds only a
 * role that is neither a superuser nor BYPASSRLS, so the server refuses to start as one unless the operator says
 * `YISHI_ALLOW_SUPERUSER=1` (a throwaway test database, or a deliberate choice). The recommended set-up is an
 * ordinary login role for DATABASE_URL and the tables' owner in YISHI_MIGRATE_URL: the server migrates as the owner,
 * then grants the app role what it needs — never UPDATE, DELETE or TRUNCATE on the audit tables.
 */
import { StartupError } from "../config";
import type { SqlRunner } from "./migrate";
import { quoteIdent } from "./sql";

export type RoleFacts = { name: string; superuser: boolean; bypassRls: boolean };

export async function roleFacts(sql: SqlRunner): Promise<RoleFacts> {
  const [row] = await sql.query<{ name: string; superuser: boolean; bypassrls: boolean }>(
    "SELECT current_user AS name, rolsuper AS superuser, rolbypassrls AS bypassrls FROM pg_roles WHERE rolname = current_user",
  );
  if (!row) throw new StartupError("无法读取 PostgreSQL 当前角色 (cannot read the current PostgreSQL role)");
  return { name: row.name, superuser: row.superuser, bypassRls: row.bypassrls };
}

export function refuseUnsafeRole(facts: RoleFacts, allowSuperuser: boolean): void {
  if (allowSuperuser || (!facts.superuser && !facts.bypassRls)) return;
  const what = facts.superuser ? "superuser" : "BYPASSRLS";
  throw new StartupError(
    `拒绝以 PostgreSQL ${what} 角色 ${facts.name} 运行：行级安全对它无效。请为议事建一个普通角色作 DATABASE_URL，` +
      `表的所有者放在 YISHI_MIGRATE_URL（见 docs/operations.md），或明确设置 YISHI_ALLOW_SUPERUSER=1。` +
      ` (refusing to run as the ${what} role ${facts.name}: row-level security does not bind it; use an ordinary role` +
      ` in DATABASE_URL and the owner in YISHI_MIGRATE_URL, or set YISHI_ALLOW_SUPERUSER=1)`,
  );
}

/** Audit tables: read and append only, for the app role (the triggers refuse changes for everyone). */
const APPEND_ONLY = ['"AuditEntry"', '"AuditCheckpoint"'];

/** Run as the tables' owner after migrating: the app role may read and write the data, append to the audit log. */
export async function grantAppRole(owner: SqlRunner, role: string): Promise<void> {
  const grantee = quoteIdent(role);
  await owner.exec(`GRANT USAGE ON SCHEMA public TO ${grantee}`);
  await owner.exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${grantee}`);
  await owner.exec(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${grantee}`);
  await owner.exec(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY.join(", ")} FROM ${grantee}`);
  // A secret vote's close empties the open ballots' table with TRUNCATE, leaving no old ballot row on disk (voteRows.ts).
  await owner.exec(`GRANT TRUNCATE ON "OpenBallot" TO ${grantee}`);
  // Closed ballots are only ever inserted (by the close): a changed or deleted one would leave its old tuple behind.
  await owner.exec(`REVOKE UPDATE, DELETE, TRUNCATE ON "Ballot" FROM ${grantee}`);
  // The migration history is the owner's: the app only reads it (to refuse a database migrated by a newer Yishi).
  await owner.exec(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${grantee}`);
}
