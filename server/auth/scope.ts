import type { Tx } from "../db";

/**
 * Confines the rest of a command's transaction to one more organization (row-level security, see the migration
 * `row_level_security`). Called right after the actor's role in that organization was checked: from then on
 * PostgreSQL refuses to show or write any other organization's rows in this transaction, so a later bug cannot leak
 * into a neighbouring village. The setting is transaction-local (`set_config(..., true)`): pooled connections come
 * back unscoped. The system actor is never confined (first start and the seed span organizations).
 *
 * The organizations above it (a cooperative's village, a village's township) stay readable — their own rows only,
 * listed in `yishi.org_above` before the scope narrows — so that a command can read the township's settings (the
 * pre-review gate, issue #20).
 *
 * On PGlite, and for a superuser on PostgreSQL, the policies do not apply; the call is then only bookkeeping.
 */
export async function confineToOrg(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`SELECT set_config(
    'yishi.org_above',
    concat_ws(',', nullif(current_setting('yishi.org_above', true), ''), (
      WITH RECURSIVE up(id, parent, depth) AS (
        SELECT id, "parentId", 0 FROM "Organization" WHERE id = ${orgId}::text
        UNION ALL
        SELECT o.id, o."parentId", up.depth + 1 FROM "Organization" o JOIN up ON o.id = up.parent WHERE up.depth < 4
      )
      SELECT string_agg(id, ',') FROM up WHERE depth > 0
    )),
    true)`;
  await tx.$executeRaw`SELECT set_config(
    'yishi.org_scope',
    CASE coalesce(current_setting('yishi.org_scope', true), '')
      WHEN '' THEN ${orgId}::text
      ELSE current_setting('yishi.org_scope', true) || ',' || ${orgId}::text
    END,
    true)`;
}
