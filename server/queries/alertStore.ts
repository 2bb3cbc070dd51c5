/**
 * Stored alerts (issue #20 item 7: "alerts are computed incrementally or by indexed queries, not by loading every
 * matter"). Each village's and cooperative's current alerts are kept in `StoredAlert`, with one `AlertSnapshot` row
 * saying what they were computed from; the township dashboard, its JSON API, the weekly summary of the current week
 * and the compliance page read those rows by index. Before reading, `refreshAlerts` recomputes — with the same
 * loader and rules as ever (alertFacts.ts, server/domain/alerts) — only the organizations whose snapshot is out of
 * date:
 *   - its `dirty` count passed `clean`: every state change of a village is a command whose audit entry
 *     (server/audit/append.ts) bumps it in the same transaction; so do, without an audit entry, a signed checkpoint
 *     and a witness refusing one (server/db/alertsDirty.ts);
 *   - the township's thresholds changed (`settingsKey`);
 *   - its `validUntil` passed: the earliest moment a deadline of its facts passes (AlertClock), e.g. minutes due
 *     seven days after adjourning.
 * So a dashboard view recomputes the few organizations that changed since the last one, not all of them; the first
 * view after a threshold change (or on a new database) recomputes every organization of the township once.
 */

import { createHash } from "node:crypto";
import { Prisma } from "../../generated/prisma/client";
import { currentDb } from "../db";
import { markAlertsDirty } from "../db/alertsDirty";
import { type Alert, type AlertLevel, type AlertSettings, computeAlertsUntil } from "../domain/alerts";
import type { MatterStage } from "../domain/matter";
import type { MatterKind } from "../domain/rules";
import { loadAlertFacts } from "./alertFacts";

/** The matter an alert is about: named by the alert, or the matter on whose agenda item the alert's vote was taken. */
export type AlertMatter = { id: string; title: string; stage: MatterStage; kind: MatterKind };

/** An alert as stored: the computed alert with the matter it is about (null: it names none, e.g. a household). */
export type StoredAlertRow = Alert & { matter: AlertMatter | null };

const RANK: Record<AlertLevel, number> = { red: 0, yellow: 1, green: 2 };
/** Organizations recomputed per round of queries (each round loads their facts with one set of queries). */
const CHUNK = 200;

/** A short stable key of the thresholds: a change of any of them makes every snapshot of the township stale. */
export function settingsKey(settings: AlertSettings): string {
  const sorted = Object.fromEntries(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}

type Stale = { orgId: string; dirty: number };

/**
 * The organizations of a list whose stored alerts are out of date as of `now`, with the dirty count read (before
 * their facts are loaded): one query on AlertSnapshot's primary key, whatever the size of their logs.
 */
async function staleOf(orgIds: readonly string[], key: string, now: Date): Promise<Stale[]> {
  if (orgIds.length === 0) return [];
  return currentDb().prisma.$queryRaw<Stale[]>`
    SELECT o.id AS "orgId", coalesce(s.dirty, 0)::int AS dirty
    FROM unnest(${[...orgIds]}::text[]) AS o(id)
    LEFT JOIN "AlertSnapshot" s ON s."orgId" = o.id
    WHERE s."orgId" IS NULL OR s.dirty > s.clean OR s."settingsKey" <> ${key}
      -- Valid from the moment computed until the next deadline: a snapshot computed for a later moment is not now's.
      OR s."computedAt" > ${now} OR s."validUntil" <= ${now}`;
}

/**
 * Brings the stored alerts of the listed organizations up to date as of `now` (the current time: stored alerts are
 * always "now"; a past moment is computed afresh, see alerts.ts). Returns how many organizations were recomputed.
 */
export async function refreshAlerts(orgIds: readonly string[], settings: AlertSettings, now: Date = new Date()): Promise<number> {
  const key = settingsKey(settings);
  const stale = await staleOf([...new Set(orgIds)], key, now);
  for (let at = 0; at < stale.length; at += CHUNK) await recompute(stale.slice(at, at + CHUNK), settings, key, now);
  return stale.length;
}

/** Recomputes a list of organizations and replaces their stored alerts. Their dirty counts were read before the facts. */
async function recompute(list: Stale[], settings: AlertSettings, key: string, now: Date): Promise<void> {
  const ids = list.map((h) => h.orgId).sort();
  const facts = await loadAlertFacts(ids, settings, now);
  const computed = ids.map((orgId) => {
    const own = facts.get(orgId);
    return { orgId, ...(own ? computeAlertsUntil(own, settings, now) : { alerts: [], changesAt: null }) };
  });
  const annotated = await withMatters(computed.flatMap((c) => c.alerts));
  const rows = computed.flatMap((c) =>
    c.alerts.map((alert) => {
      const stored = annotated.get(alert) as StoredAlertRow;
      return {
        orgId: c.orgId,
        id: alert.id,
        rank: RANK[alert.level],
        level: alert.level,
        code: alert.code,
        matterId: stored.matter?.id ?? null,
        stage: stored.matter?.stage ?? null,
        kind: stored.matter?.kind ?? null,
        occurredOn: alert.occurredOn,
        alert: stored as unknown as Prisma.InputJsonValue,
      };
    }),
  );
  const byOrg = new Map(list.map((h) => [h.orgId, h]));
  const { prisma } = currentDb();
  await prisma.$transaction(
    async (tx) => {
      // One writer per organization at a time (two views refreshing together); ids in order, so no deadlock.
      for (const orgId of ids) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`yishi-alerts:${orgId}`}))`;
      await tx.storedAlert.deleteMany({ where: { orgId: { in: ids } } });
      if (rows.length > 0) await tx.storedAlert.createMany({ data: rows });
      for (const c of computed) {
        const h = byOrg.get(c.orgId) as Stale;
        const counts = { red: 0, yellow: 0, green: 0 };
        for (const a of c.alerts) counts[a.level] += 1;
        // The dirty count read before the facts: a change recorded since leaves the snapshot stale.
        const data = { settingsKey: key, clean: h.dirty, computedAt: now, validUntil: c.changesAt, ...counts };
        await tx.alertSnapshot.upsert({ where: { orgId: c.orgId }, create: { orgId: c.orgId, dirty: h.dirty, ...data }, update: data });
      }
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Each alert with the matter it is about (by primary key: the matter it names, or its vote's agenda item's matter). */
export async function withMatters(alerts: readonly Alert[]): Promise<Map<Alert, StoredAlertRow>> {
  const { prisma } = currentDb();
  const motionIds = [...new Set(alerts.flatMap((alert) => (!alert.subject.matterId && alert.subject.motionId ? [alert.subject.motionId] : [])))];
  const motions =
    motionIds.length === 0
      ? []
      : await prisma.motion.findMany({ where: { id: { in: motionIds } }, select: { id: true, item: { select: { matterId: true } } } });
  const matterOfMotion = new Map(motions.flatMap((m) => (m.item.matterId ? [[m.id, m.item.matterId] as [string, string]] : [])));
  const matterIdOf = (alert: Alert): string | undefined =>
    alert.subject.matterId ?? (alert.subject.motionId ? matterOfMotion.get(alert.subject.motionId) : undefined);
  const matterIds = [...new Set(alerts.flatMap((alert) => matterIdOf(alert) ?? []))];
  const matters =
    matterIds.length === 0
      ? []
      : await prisma.matter.findMany({ where: { id: { in: matterIds } }, select: { id: true, title: true, stage: true, kind: true } });
  const byId = new Map(matters.map((m) => [m.id, { id: m.id, title: m.title, stage: m.stage as MatterStage, kind: m.kind as MatterKind }]));
  return new Map(
    alerts.map((alert) => {
      const matterId = matterIdOf(alert);
      return [alert, { ...alert, matter: matterId ? (byId.get(matterId) ?? null) : null }];
    }),
  );
}

/** The stored filters, as conditions on StoredAlert (village and cooperative lists come from the tree). */
export type StoredFilters = {
  stage?: string;
  kind?: string;
  level?: AlertLevel;
  code?: string;
  from?: string;
  to?: string;
  /** true: only alerts that name no matter (counted beside a stage or kind filter, listed with matter=none). */
  noMatter?: boolean;
};

function conditions(f: StoredFilters): Prisma.Sql {
  const c: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.stage) c.push(Prisma.sql`a.stage = ${f.stage}`);
  if (f.kind) c.push(Prisma.sql`a.kind = ${f.kind}`);
  if (f.noMatter) c.push(Prisma.sql`a."matterId" IS NULL`);
  if (f.level) c.push(Prisma.sql`a.level = ${f.level}`);
  if (f.code) c.push(Prisma.sql`a.code = ${f.code}`);
  if (f.from) c.push(Prisma.sql`a."occurredOn" >= ${f.from}`);
  if (f.to) c.push(Prisma.sql`a."occurredOn" <= ${f.to}`);
  return Prisma.join(c, " AND ");
}

/** What a stored alert is sorted, counted and found by: its key and the columns of the dashboard's order. */
export type StoredAlertKey = { orgId: string; id: string; level: AlertLevel; occurredOn: string };

/**
 * The keys of the listed organizations' stored alerts that pass the filters: one indexed query returning narrow
 * rows (no alert bodies), from which the caller counts, sorts and picks a page — a district's ten thousand keys
 * sort in a few milliseconds, where a join in SQL to the organizations' order did not.
 */
export async function storedKeys(orgIds: readonly string[], f: StoredFilters): Promise<StoredAlertKey[]> {
  if (orgIds.length === 0) return [];
  return currentDb().prisma.$queryRaw<StoredAlertKey[]>`
    SELECT a."orgId", a.id, a.level, a."occurredOn" FROM "StoredAlert" a
    WHERE a."orgId" = ANY(${[...orgIds]}::text[]) AND ${conditions(f)}`;
}

/** The stored alerts of these keys, in the keys' order. */
export async function storedAlertsByKey(keys: readonly StoredAlertKey[]): Promise<StoredAlertRow[]> {
  if (keys.length === 0) return [];
  const rows = await currentDb().prisma.$queryRaw<{ orgId: string; id: string; alert: StoredAlertRow }[]>`
    SELECT a."orgId", a.id, a.alert FROM "StoredAlert" a
    JOIN unnest(${keys.map((k) => k.orgId)}::text[], ${keys.map((k) => k.id)}::text[]) AS k("orgId", id)
      ON a."orgId" = k."orgId" AND a.id = k.id`;
  const byKey = new Map(rows.map((r) => [`${r.orgId}\n${r.id}`, r.alert]));
  return keys.flatMap((k) => byKey.get(`${k.orgId}\n${k.id}`) ?? []);
}

/** Every stored alert of one organization, red first (as computeAlerts orders them). */
export async function storedAlertsOf(orgId: string): Promise<StoredAlertRow[]> {
  const rows = await currentDb().prisma.storedAlert.findMany({ where: { orgId }, select: { alert: true } });
  const alerts = rows.map((r) => r.alert as unknown as StoredAlertRow);
  return alerts.sort((a, b) => RANK[a.level] - RANK[b.level] || b.occurredOn.localeCompare(a.occurredOn) || a.id.localeCompare(b.id));
}

/** Marks these organizations' stored alerts for recomputation at the next read (a change another organization made). */
export async function markStoredAlertsStale(orgIds: readonly string[]): Promise<void> {
  for (const orgId of orgIds) await markAlertsDirty(orgId);
}
