/**
 * A large body for the fault tests and the benchmark: an organization with N members, a 成员大会 (members-assembly)
 * with all of them on its roster, a chair, a public meeting in session with everyone present and its first item
 * started. Built with the real commands, in this process, against the database the server will then open — before
 * it starts, because PGlite has one owner at a time. Members log in with the one-time codes of a login sheet
 * (issueLoginTokens; no password hashing, so a thousand members take seconds).
 */

import { issueLoginTokens } from "../commands/account/issueLoginTokens";
import { type Actor, accountActor, SYSTEM } from "../commands/actor";
import { createBody } from "../commands/body/createBody";
import { setOfficers } from "../commands/body/setOfficers";
import { setRoster } from "../commands/body/setRoster";
import { openMeeting } from "../commands/live/openMeeting";
import { recordAttendance } from "../commands/live/recordAttendance";
import { startItem } from "../commands/live/startItem";
import { scheduleMeeting } from "../commands/meeting/scheduleMeeting";
import { createOrganization } from "../commands/org/createOrganization";
import { createPerson } from "../commands/org/createPerson";
import { importRoster } from "../commands/org/importRoster";
import { currentDb } from "../db";
import { type Database, openDatabase, withDedicatedConnection } from "../db/client";
import { migrate } from "../db/migrate";
import { setRuntime } from "../runtime";

export type DbTarget = { dataDir: string; databaseUrl?: string };

export type Assembly = {
  orgId: string;
  bodyId: string;
  meetingId: string;
  chair: { personId: string; accountId: string; name: string; token: string };
  /** Roster members, in roster order, each with a fresh one-time login code. */
  voters: { personId: string; name: string; token: string }[];
};

/** Opens the database as the server would (migrated), installs it as this process's runtime, runs fn, closes it. */
export async function withDatabase<T>(target: DbTarget, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(target);
  try {
    await withDedicatedConnection(db, target.databaseUrl, (sql) => migrate(sql));
    setRuntime({
      config: { port: 0, host: "127.0.0.1", dataDir: target.dataDir, databaseUrl: target.databaseUrl, demo: false, dev: false },
      db,
      version: "fault-setup",
      inFlight: new Set(),
      shuttingDown: false,
    });
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Unique across series: series 10 and up (the bench's district of 100 meetings) move into the number's middle digits. */
function phoneOf(series: number, index: number): string {
  return `1${86 + (series % 10)}${String(Math.floor(series / 10) * 100_000 + index).padStart(8, "0")}`;
}

/** Builds the assembly (inside withDatabase). `series` keeps phone numbers of several assemblies in one database apart. */
export async function createAssembly(options: {
  voters: number;
  series?: number;
  title?: string;
  onProgress?: (done: number, total: number) => void;
}): Promise<Assembly> {
  const series = options.series ?? 0;
  const org = await createOrganization({ name: `压力测试经济合作社 ${series}`, level: "village", noticeDays: 7 }, SYSTEM);
  const header = "姓名,手机号,户号,性别";
  const rows = Array.from(
    { length: options.voters },
    (_, i) => `成员${String(i + 1).padStart(4, "0")},${phoneOf(series, i + 1)},${i + 1}号户,${i % 2 ? "女" : "男"}`,
  );
  const imported = await importRoster({ orgId: org.id, csv: [header, ...rows].join("\n"), createMissingHouseholds: true, dryRun: false }, SYSTEM);
  if (imported.imported !== options.voters) throw new Error(`imported ${imported.imported} of ${options.voters} members`);
  const chair = await createPerson({ orgId: org.id, name: "主持人", phone: phoneOf(series, 0), gender: "female" }, SYSTEM);
  const body = await createBody({ orgId: org.id, kind: "members-assembly", name: "成员大会" }, SYSTEM);
  const { prisma } = currentDb();
  const people = await prisma.person.findMany({ where: { orgId: org.id, id: { not: chair.id } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  await setRoster({ bodyId: body.id, members: people.map((p) => ({ personId: p.id, seat: "member" })) }, SYSTEM);
  await setOfficers({ bodyId: body.id, chairId: chair.id, recorderId: null }, SYSTEM);
  const meeting = await scheduleMeeting(
    {
      bodyId: body.id,
      number: `第${series + 1}次`,
      title: options.title ?? "成员大会（压力测试）",
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      place: "村文化礼堂",
      isPublic: true,
      agenda: [{ title: "集体资产发包方案" }, { title: "年度收益分配方案" }],
    },
    SYSTEM,
  );
  const sheet = await loginSheet(body.id);
  const chairAccount = await prisma.account.findUniqueOrThrow({ where: { personId: chair.id }, select: { id: true } });
  const chairActor = accountActor(chairAccount.id, "主持人");
  await openMeeting({ meetingId: meeting.id }, chairActor);
  await markAllPresent(
    meeting.id,
    people.map((p) => p.id),
    chairActor,
    options.onProgress,
  );
  await startItem({ meetingId: meeting.id }, chairActor);
  return {
    orgId: org.id,
    bodyId: body.id,
    meetingId: meeting.id,
    chair: { personId: chair.id, accountId: chairAccount.id, name: "主持人", token: sheet.get(chair.id) ?? "" },
    voters: people.map((p) => ({ personId: p.id, name: p.name, token: sheet.get(p.id) ?? "" })),
  };
}

/** A new login sheet for the body (voids unused codes of the last one): personId → one-time code. */
export async function loginSheet(bodyId: string): Promise<Map<string, string>> {
  const sheet = await issueLoginTokens({ bodyId }, SYSTEM);
  if (sheet.skipped.length > 0) throw new Error(`login sheet skipped ${sheet.skipped.length} members`);
  return new Map(sheet.codes.map((c) => [c.personId, c.token]));
}

async function markAllPresent(meetingId: string, personIds: string[], chair: Actor, onProgress?: (done: number, total: number) => void): Promise<void> {
  let done = 0;
  for (const personId of personIds) {
    await recordAttendance({ meetingId, personId, status: "present_in_person" }, chair);
    done += 1;
    if (done % 50 === 0 || done === personIds.length) onProgress?.(done, personIds.length);
  }
}
