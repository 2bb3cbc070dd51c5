/**
 * `npm run db:migration -- <name> [--empty]`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
 * difference between the committed migrations and prisma/schema.prisma. No server, no network: Prisma's WASM schema
 * engine runs against an in-memory PGlite (the native engine cannot be downloaded here). `--empty` writes an empty
 * migration to fill by hand (triggers, grants).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine as SchemaEngineType } from "@prisma/schema-engine-wasm";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { loadMigrations, MIGRATIONS_DIR } from "../db/migrate";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = args.find((arg) => !arg.startsWith("--"));
  const empty = args.includes("--empty");
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("用法 usage: npm run db:migration -- <name_in_snake_case> [--empty]");
    process.exit(2);
  }
  const schemaPath = path.resolve("prisma/schema.prisma");
  const schema = readFileSync(schemaPath, "utf8");
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const migrationsList: MigrationList = {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: loadMigrations().map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
    })),
  };
  const filters = { externalTables: [], externalEnums: [] };
  const pglite = new PGlite();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const SchemaEngine = await loadSchemaEngine();
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => undefined, adapter);
  // The engine diffs against the database's state, so the committed history is applied first; devDiagnostic then
  // sets up the shadow database (the adapter's own in-memory PGlite) that createMigration replays the history on.
  await engine.applyMigrations({ migrationsList, filters });
  await engine.devDiagnostic({ migrationsList, filters });
  const result = await engine.createMigration({
    draft: empty,
    migrationName: name,
    migrationsList,
    schema: { files: [{ path: schemaPath, content: schema }] },
    filters,
  });
  if (result.migrationScript === null) {
    console.log("没有变化 (no changes): the schema matches the migrations.");
    await pglite.close();
    return;
  }
  const dir = path.join(MIGRATIONS_DIR, result.generatedMigrationName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), empty ? `-- ${name}\n` : result.migrationScript);
  if (!existsSync(lockPath)) writeFileSync(lockPath, 'provider = "postgresql"\n');
  console.log(`已写入 wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  await pglite.close();
}

/**
 * The package's entry imports its .wasm as an ES module, which Node 20 cannot do without a flag; instantiate the
 * module by hand with the package's own JS bindings as its imports (what the entry would have done).
 */
async function loadSchemaEngine(): Promise<typeof SchemaEngineType> {
  const wasmPath = path.resolve("node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings.SchemaEngine;
}

main().catch((error: unknown) => {
  console.error(`创建迁移失败 (creating the migration failed): ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
