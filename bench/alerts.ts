/**
 * `npm run bench:alerts` (issue #20 item 7): alert computation at district size on PostgreSQL. Seeds, by bulk SQL,
 * 300 villages and 2,000 cooperatives, 60,000 matters and a million audit entries (bench/alertsSeed.ts) in a
 * database of its own next to DATABASE_URL's, then times
 *   1. alertsForOrganization — one village's alerts computed from its record — for each village and a sample of
 *      cooperatives: p50, p95, max (goal p95 ≤ 50 ms);
 *   2. the stored alerts (server/queries/alertStore.ts): the first build of all 2,300 organizations, one village
 *      recomputed after it recorded something, and one village's stored alerts read (its compliance page);
 *   3. the township dashboard's page (townshipOverview: every village with its counts, one page of the filtered
 *      alerts, filings and pre-reviews waiting) with no filter, each filter — village, stage, kind, colour, rule,
 *      dates — and all combined (goal p95 ≤ 300 ms per page); the page again after one village recorded something;
 *      and the weekly summary of the current week (townshipWeekly). The seeded villages are put under one township
 *      with a reviewer account for this.
 * Writes bench/results/alerts.json. Never part of a test's pass or fail.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:alerts [-- --quick] [-- --keep]
 *   --quick: 30 villages, 200 cooperatives, 6,000 matters, 100,000 entries.  --keep: reuse the seeded database.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { DEFAULT_ALERT_SETTINGS } from "../server/domain/alerts";
import { refreshAlerts, storedAlertsOf } from "../server/queries/alertStore";
import { alertsForOrganization } from "../server/queries/alerts";
import { type TownshipFilters, townshipOverview } from "../server/queries/township";
import { townshipTree } from "../server/queries/townshipAlerts";
import { townshipWeekly } from "../server/queries/townshipWeekly";
import { setRuntime } from "../server/runtime";
import { type DistrictSize, seedDistrict } from "./alertsSeed";
import { percentile, round } from "./lib/stats";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const keep = args.includes("--keep");
const size: DistrictSize = quick
  ? { villages: 30, cooperatives: 200, matters: 6_000, auditEntries: 100_000, meetingsPerOrg: 6 }
  : { villages: 300, cooperatives: 2_000, matters: 60_000, auditEntries: 1_000_000, meetingsPerOrg: 6 };

async function benchDatabase(baseUrl: string, name: string): Promise<{ url: string; existed: boolean }> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const existed = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (existed && !keep) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    if (!existed || !keep) await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), existed: existed && keep };
  } finally {
    await admin.end();
  }
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const stats = (samples: number[]) => ({
  n: samples.length,
  p50_ms: round(percentile(samples, 50)),
  p95_ms: round(percentile(samples, 95)),
  max_ms: round(Math.max(...samples)),
});

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("set DATABASE_URL to a PostgreSQL server (the bench makes its own database next to it)");
  const { url, existed } = await benchDatabase(base, quick ? "yishi_bench_alerts_quick" : "yishi_bench_alerts");
  const db = await openDatabase({ dataDir: tmpdir(), databaseUrl: url });
  setRuntime({
    config: { port: 0, host: "127.0.0.1", dataDir: tmpdir(), demo: false, dev: false },
    db,
    version: "bench",
    inFlight: new Set(),
    shuttingDown: false,
  });
  try {
    // Always: a kept database gets the migrations added since it was seeded (e.g. new indexes).
    await migrate(db.sql);
    if (!existed) {
      const seeded = await time(() => seedDistrict(db.sql, size, (step) => console.log(`seeding: ${step}`)));
      console.log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s`);
    }
    const counts = await db.sql.query<{ t: string; n: string }>(
      `SELECT 'organizations' t, count(*)::text n FROM "Organization" UNION ALL SELECT 'matters', count(*)::text FROM "Matter" UNION ALL SELECT 'audit entries', count(*)::text FROM "AuditEntry" UNION ALL SELECT 'meetings', count(*)::text FROM "Meeting"`,
    );
    console.log(counts.map((c) => `${c.t}: ${Number(c.n).toLocaleString("en")}`).join(", "));
    const villages = (await db.sql.query<{ id: string }>(`SELECT id FROM "Organization" WHERE level = 'village' ORDER BY id`)).map((r) => r.id);
    const coops = (await db.sql.query<{ id: string }>(`SELECT id FROM "Organization" WHERE level = 'cooperative' ORDER BY id LIMIT 300`)).map((r) => r.id);

    // Warm-up: the first queries plan and load the pages; a dashboard is used all day.
    for (const id of villages.slice(0, 5)) await alertsForOrganization(id, DEFAULT_ALERT_SETTINGS);

    // The shared machine's load while measuring: every figure waits for a core when it is far above the core count.
    const loadBefore = loadavg()[0] ?? 0;
    const perVillage: number[] = [];
    let alertsSeen = 0;
    for (const id of villages) {
      const { ms, value } = await time(() => alertsForOrganization(id, DEFAULT_ALERT_SETTINGS));
      perVillage.push(ms);
      alertsSeen += value.length;
    }
    const perCoop: number[] = [];
    for (const id of coops) perCoop.push((await time(() => alertsForOrganization(id, DEFAULT_ALERT_SETTINGS))).ms);

    // 3. The township dashboard's page, with its filters: the seeded villages under one township, read by its reviewer.
    await db.sql.exec(`
      INSERT INTO "Organization" (id, name, level, "parentId", "noticeDays", "createdAt")
        VALUES ('tbench', '基准镇', 'township', NULL, 7, now()) ON CONFLICT (id) DO NOTHING;
      UPDATE "Organization" SET "parentId" = 'tbench' WHERE level = 'village' AND "parentId" IS NULL AND id ~ '^v[0-9]+$';
      INSERT INTO "Account" (id, phone, "displayName", "createdAt") VALUES ('abench', '19900000000', '基准预审员', now()) ON CONFLICT (id) DO NOTHING;
      INSERT INTO "OrgRole" ("accountId", "orgId", role) VALUES ('abench', 'tbench', 'reviewer') ON CONFLICT DO NOTHING;
    `);
    const reviewer = { id: "abench", name: "基准预审员" };
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const dashboardFilters: Record<string, TownshipFilters> = {
      "no filter": {},
      village: { village: villages[0] },
      stage: { stage: "decision_disclosure" },
      kind: { kind: "general" },
      colour: { level: "red" },
      rule: { code: "minutes_unsigned" },
      dates: { from: monthAgo, to: today },
      "all combined": {
        village: villages[1],
        stage: "implementation",
        kind: "general",
        level: "yellow",
        code: "result_not_disclosed",
        from: monthAgo,
        to: today,
      },
    };
    // The stored alerts (server/queries/alertStore.ts): the first view computes every organization once.
    const tree = await townshipTree("tbench");
    const firstBuild = await time(() => refreshAlerts(tree.orgIds, tree.settings.alerts));
    console.log(`stored alerts of ${firstBuild.value} organizations built in ${(firstBuild.ms / 1000).toFixed(1)} s`);
    const dashboard: Record<string, ReturnType<typeof stats> & { alerts: number; total: number }> = {};
    const dashboardAll: number[] = [];
    for (const [name, filters] of Object.entries(dashboardFilters)) {
      const samples: number[] = [];
      let listed = 0;
      let total = 0;
      for (let round = 0; round < 5; round++) {
        const { ms, value } = await time(() => townshipOverview(reviewer, "tbench", filters));
        samples.push(ms);
        listed = value.alerts.length;
        total = value.total;
      }
      dashboardAll.push(...samples);
      dashboard[name] = { ...stats(samples), alerts: listed, total };
    }
    // A village records something (an audit entry, which marks its stored alerts as appendAudit does), then the
    // dashboard is viewed: that village alone is recomputed before the page is read.
    const afterChange: number[] = [];
    for (const id of villages.slice(0, 20)) {
      await db.sql.exec(
        `INSERT INTO "AuditEntry" ("orgId", seq, bytes, "leafHash", action, ts) SELECT '${id}', max(seq) + 1, '{}', md5(random()::text), 'bench.change', now() FROM "AuditEntry" WHERE "orgId" = '${id}';
         UPDATE "AlertSnapshot" SET dirty = dirty + 1 WHERE "orgId" = '${id}'`,
      );
      afterChange.push((await time(() => townshipOverview(reviewer, "tbench", {}))).ms);
    }
    // One village's stored alerts recomputed after it recorded something (the incremental step), and its
    // compliance page's read of them.
    const recomputeOne: number[] = [];
    const readOne: number[] = [];
    for (const id of villages.slice(0, 100)) {
      await db.sql.exec(
        `INSERT INTO "AuditEntry" ("orgId", seq, bytes, "leafHash", action, ts) SELECT '${id}', max(seq) + 1, '{}', md5(random()::text), 'bench.change', now() FROM "AuditEntry" WHERE "orgId" = '${id}';
         UPDATE "AlertSnapshot" SET dirty = dirty + 1 WHERE "orgId" = '${id}'`,
      );
      recomputeOne.push((await time(() => refreshAlerts([id], tree.settings.alerts))).ms);
      readOne.push((await time(() => storedAlertsOf(id))).ms);
    }
    const weekly: number[] = [];
    let weeklyRows = 0;
    for (let round = 0; round < 5; round++) {
      const { ms, value } = await time(() => townshipWeekly(reviewer, "tbench", { week: today }));
      weekly.push(ms);
      weeklyRows = value.rows.length;
    }

    const result = {
      db: "postgres",
      quick,
      size,
      load_average: { before: round(loadBefore, 1), after: round(loadavg()[0] ?? 0, 1) },
      alerts_per_village: { ...stats(perVillage), goal_p95_ms: 50, alerts: alertsSeen },
      alerts_per_cooperative: stats(perCoop),
      stored_recompute_one_village: stats(recomputeOne),
      stored_read_one_village: stats(readOne),
      stored_first_build: { ms: round(firstBuild.ms), organizations: firstBuild.value },
      dashboard_page: { ...stats(dashboardAll), goal_p95_ms: 300, by_filter: dashboard },
      dashboard_page_after_one_village_changed: stats(afterChange),
      weekly_summary: { ...stats(weekly), rows: weeklyRows },
    };
    console.table({
      "alerts, one village (computed)": result.alerts_per_village,
      "alerts, one cooperative (computed)": result.alerts_per_cooperative,
      "stored alerts, one village recomputed": result.stored_recompute_one_village,
      "stored alerts, one village read": result.stored_read_one_village,
      ...Object.fromEntries(Object.entries(dashboard).map(([name, row]) => [`dashboard page, ${name}`, row])),
      "dashboard page, every filter": { ...stats(dashboardAll), goal_p95_ms: 300 },
      "dashboard page, after one village changed": result.dashboard_page_after_one_village_changed,
      "weekly summary (this week)": result.weekly_summary,
    });
    const out = path.join(import.meta.dirname, "results");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, quick ? "alerts-quick.json" : "alerts.json"), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.close();
  }
}

await main();
