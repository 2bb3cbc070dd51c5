/**
 * Stored alerts (issue #20 item 7: "alerts are computed incrementally or by indexed queries, not by loading every
 * matter"). Each village's and cooperative's current alerts are kept in `StoredAlert`, with one `AlertSnapshot` row
 * saying what they were computed from; the township dashboard, its JSON API, the weekly summary of the current week
 * and the compliance page read those rows by index. Before reading, `refreshAlerts` recomputes — with the same
 * loader and rules as ever (alertFacts.ts, server/domain/alerts) — only the organizations whose snapshot is out of
 * date:
 *   - its audit log grew past the snapshot's `auditSeq`: every state change of a village is a command that appends
 *     to the village's log in the same transaction, so a change the snapshot has not seen shows as a longer log;
 *   - `dirty` was bumped (server/db/alertsDirty.ts) by what changes a fact without an audit entry: a signed checkpoint, a
 *     witness refusing one;
 *   - the township's thresholds changed (`settingsKey`);
 *   - its `validUntil` passed: the earliest moment a deadline of its facts passes (AlertClock), e.g. minutes due
 *     seven days after adjourning.
 * So a dashboard view recomputes the few organizations that changed since the last one, not all of them; the first
 * view after a threshold change (or on a new database) recomputes every organization of the township once.
 */
import { createHash } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client";
import { currentDb } from "../db";
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

type Head = {
  orgId: string;
  head: number;
  auditSeq: number | null;
  settingsKey: string | null;
  dirty: number;
  clean: number;
  computedAt: Date | null;
  validUntil: Date | null;
};

/** Each organization's log head and snapshot: one indexed probe of the log's primary key per organization. */
async function heads(orgIds: readonly string[]): Promise<Head[]> {
  if (orgIds.length === 0) return [];
  const rows = await currentDb().prisma.$queryRaw<Head[]>`
    SELECT o.id AS "orgId",
      coalesce((SELECT max(a.seq) FROM "AuditEntry" a WHERE a."orgId" = o.id), -1)::int AS head,
      s."auditSeq", s."settingsKey", coalesce(s.dirty, 0)::int AS dirty, coalesce(s.clean, 0)::int AS clean, s."computedAt", s."validUntil"
    FROM unnest(${[...orgIds]}::text[]) AS o(id)
    LEFT JOIN "AlertSnapshot" s ON s."orgId" = o.id`;
  return rows;
}

function isStale(h: Head, key: string, now: Date): boolean {
  return (
    h.auditSeq === null ||
    h.head > h.auditSeq ||
    h.dirty > h.clean ||
    h.settingsKey !== key ||
    // Valid from the moment computed until the next deadline: a snapshot computed for a later moment is not now's.
    (h.computedAt !== null && h.computedAt.getTime() > now.getTime()) ||
    (h.validUntil !== null && h.validUntil.getTime() <= now.getTime())
  );
}

/**
 * Brings the stored alerts of the listed organizations up to date as of `now` (the current time: stored alerts are
 * always "now"; a past moment is computed afresh, see alerts.ts). Returns how many organizations were recomputed.
 */
export async function refreshAlerts(orgIds: readonly string[], settings: AlertSettings, now: Date = new Date()): Promise<number> {
  const key = settingsKey(settings);
  const stale = (await heads([...new Set(orgIds)])).filter((h) => isStale(h, key, now));
  for (let at = 0; at < stale.length; at += CHUNK) await recompute(stale.slice(at, at + CHUNK), settings, key, now);
  return stale.length;
}

/** Recomputes a list of organizations and replaces their stored alerts. `heads` were read before the facts. */
async function recompute(list: Head[], settings: AlertSettings, key: string, now: Date): Promise<void> {
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
        const h = byOrg.get(c.orgId) as Head;
        const counts = { red: 0, yellow: 0, green: 0 };
        for (const a of c.alerts) counts[a.level] += 1;
        // The log head and dirty count read before the facts: a change after them leaves the snapshot stale.
        const data = { auditSeq: h.head, settingsKey: key, clean: h.dirty, computedAt: now, validUntil: c.changesAt, ...counts };
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

/** The stored filters, as indexed SQL conditions on StoredAlert (village and cooperative lists come from the tree). */
export type StoredFilters = {
  orgIds: readonly string[];
  stage?: string;
  kind?: string;
  level?: AlertLevel;
  code?: string;
  from?: string;
  to?: string;
  /** true: only alerts that name no matter (counted beside a stage or kind filter). */
  noMatter?: boolean;
};

function where(f: StoredFilters): Prisma.StoredAlertWhereInput {
  return {
    orgId: { in: [...f.orgIds] },
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.noMatter ? { matterId: null } : {}),
    ...(f.level ? { level: f.level } : {}),
    ...(f.code ? { code: f.code } : {}),
    ...(f.from || f.to ? { occurredOn: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
  };
}

/** Counts by organization and colour of the stored alerts that pass the filters: one grouped, indexed query. */
export async function storedCounts(f: StoredFilters): Promise<{ orgId: string; level: AlertLevel; n: number }[]> {
  if (f.orgIds.length === 0) return [];
  const rows = await currentDb().prisma.storedAlert.groupBy({ by: ["orgId", "level"], where: where(f), _count: { _all: true } });
  return rows.map((r) => ({ orgId: r.orgId, level: r.level as AlertLevel, n: r._count._all }));
}

/** The keys (organization, id, colour, day) of the stored alerts that pass the filters, for ordering and paging. */
export async function storedKeys(f: StoredFilters): Promise<{ orgId: string; id: string; level: AlertLevel; occurredOn: string }[]> {
  if (f.orgIds.length === 0) return [];
  const rows = await currentDb().prisma.storedAlert.findMany({ where: where(f), select: { orgId: true, id: true, level: true, occurredOn: true } });
  return rows.map((r) => ({ ...r, level: r.level as AlertLevel }));
}

/** Whole stored alerts by key, in the order given. */
export async function storedAlerts(keys: readonly { orgId: string; id: string }[]): Promise<StoredAlertRow[]> {
  if (keys.length === 0) return [];
  const rows = await currentDb().prisma.storedAlert.findMany({
    where: { OR: keys.map((k) => ({ orgId: k.orgId, id: k.id })) },
    select: { orgId: true, id: true, alert: true },
  });
  const byKey = new Map(rows.map((r) => [`${r.orgId}\u0000${r.id}`, r.alert as unknown as StoredAlertRow]));
  return keys.flatMap((k) => byKey.get(`${k.orgId}\u0000${k.id}`) ?? []);
}

/** Every stored alert of one organization, red first (as computeAlerts orders them). */
export async function storedAlertsOf(orgId: string): Promise<StoredAlertRow[]> {
  const rows = await currentDb().prisma.storedAlert.findMany({ where: { orgId }, select: { alert: true } });
  const alerts = rows.map((r) => r.alert as unknown as StoredAlertRow);
  return alerts.sort((a, b) => RANK[a.level] - RANK[b.level] || b.occurredOn.localeCompare(a.occurredOn) || a.id.localeCompare(b.id));
}
