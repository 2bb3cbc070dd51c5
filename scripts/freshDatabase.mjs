// A fresh, empty PostgreSQL database next to the one DATABASE_URL names, for one test server; dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

export async function createFreshDatabase(baseUrl, prefix = "yishi_test") {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * An ordinary login role (no superuser, no BYPASSRLS) on the same PostgreSQL, for running the app as it should run
 * in production: row-level security then binds it. Roles are cluster-wide, so several test files may race to
 * create it; "already exists" is success. Returns DATABASE_URL for that role on `databaseUrl`'s database.
 */
export async function appRoleUrl(databaseUrl, role = "yishi_app_test") {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE ROLE "${role}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`).catch((error) => {
        // 42710 duplicate_object, 23505 unique_violation: another test file created it meanwhile.
        if (error.code !== "42710" && error.code !== "23505") throw error;
      });
    }
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = "";
  return url.toString();
}
