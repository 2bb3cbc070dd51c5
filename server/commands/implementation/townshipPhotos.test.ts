/**
 * Implementation photos compared across the township (issue #23 item 1), through the commands on a real in-process
 * database with the demo: the village 平洲村 reports a photo on its budget plan; its cooperative (another
 * organization of the same township) then decides and plans a project of its own and reports a re-compressed,
 * cropped copy of that photo — flagged, naming the village, its project and the day. A photo of a village in another
 * township is never compared. The village's people cannot open the cooperative's photo; the township's staff can.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNotices } from "../../../prisma/demoNotice";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { DEFAULT_ALERT_SETTINGS } from "../../domain/alerts";
import type { DuplicateUse } from "../../domain/implementation/progress";
import { onEvent } from "../../events";
import { alertsOnEvent } from "../../listeners/alerts";
import type { Viewer } from "../../queries/access";
import { refreshAlerts, storedAlertsOf } from "../../queries/alertStore";
import { alertsForOrganization } from "../../queries/alerts";
import { evidenceFile, implementationView } from "../../queries/implementation";
import { openInProcessDb } from "../../testing/inProcessDb";
import { disguise, photoWithExif } from "../../testing/photos";
import { type Actor, accountActor, SYSTEM } from "../actor";
import { adjournMeeting } from "../live/adjournMeeting";
import { announceResult } from "../live/announceResult";
import { closeVote } from "../live/closeVote";
import { openMeeting } from "../live/openMeeting";
import { openVote } from "../live/openVote";
import { recordAttendance } from "../live/recordAttendance";
import { recordTotals } from "../live/recordTotals";
import { startItem } from "../live/startItem";
import { raiseMatter } from "../matter/raiseMatter";
import { scheduleMeeting } from "../meeting/scheduleMeeting";
import { linkDecisionVote } from "../notice/linkDecisionVote";
import { publishDecision } from "../notice/publishDecision";
import { createPlan } from "./createPlan";
import { reportProgress } from "./reportProgress";

const DAY = 86_400_000;
const SITE = { lat: 23.05, lon: 113.15 };
let db: Database;
let close: () => Promise<void>;
let demo: DemoNotices;
let villageId: string;
let coopId: string;
let coopMatterId: string;
let villagePhotoId: string;
let coopPhotoId: string;
let foreignRowId: string;

async function viewerOf(phone: string): Promise<Viewer & { actor: Actor }> {
  const account = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true } });
  return { id: account.id, name: account.displayName, actor: accountActor(account.id, account.displayName) };
}

/** A passed decision of the cooperative's representatives on a new matter, its notice posted `held` + 1 day. */
async function coopDecision(held: Date): Promise<string> {
  const body = await db.prisma.body.findFirstOrThrow({ where: { orgId: coopId, kind: "member-representatives" }, select: { id: true } });
  const roster = await db.prisma.bodyMember.findMany({ where: { bodyId: body.id }, orderBy: { person: { createdAt: "asc" } }, select: { personId: true } });
  const { id: matterId } = await raiseMatter(
    { orgId: coopId, title: "西塘护岸修缮", description: "西塘护岸约200米修缮。", kind: "general", source: "cadres" },
    SYSTEM,
  );
  const { id: meetingId } = await scheduleMeeting(
    {
      bodyId: body.id,
      number: "2026年第9次",
      title: "成员代表大会",
      startsAt: held.toISOString(),
      place: "合作社办公室",
      noticeDate: new Date(held.getTime() - 10 * DAY).toISOString().slice(0, 10),
      agenda: [{ title: "西塘护岸修缮", matterId }],
    },
    SYSTEM,
  );
  const present = roster.slice(0, 18).map((m) => m.personId);
  await openMeeting({ meetingId }, SYSTEM);
  for (const personId of present) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);
  await startItem({ meetingId }, SYSTEM);
  const { motionId } = await openVote({ meetingId, text: "同意西塘护岸修缮，费用不超过8万元", method: "hands_named", matterKind: "general" }, SYSTEM);
  await recordTotals({ meetingId, motionId, kind: "hands_named", votes: present.map((voterPersonId) => ({ voterPersonId, choice: "yes" })) }, SYSTEM);
  await closeVote({ meetingId, motionId }, SYSTEM);
  await announceResult({ meetingId, motionId }, SYSTEM);
  await adjournMeeting({ meetingId }, SYSTEM);
  await linkDecisionVote({ matterId, motionId, reason: "提议、商议、审议均有纸质记录。" }, SYSTEM);
  await publishDecision({ matterId }, SYSTEM, new Date(held.getTime() + DAY));
  return matterId;
}

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  demo = (await seedDemo()).notices;
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" } })).id;
  coopId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村第一经济合作社（演示）" } })).id;
  const held = new Date(Date.now() - 30 * DAY);
  held.setUTCHours(1, 30, 0, 0);
  coopMatterId = await coopDecision(held);
}, 240_000);
afterAll(async () => close?.());

describe("a photo used by two organizations of one township", () => {
  it("is indexed for the township when the village reports it, with no image and no file name", async () => {
    const admin = await viewerOf("13800000001");
    const notice = await db.prisma.notice.findUniqueOrThrow({ where: { id: demo.village.noticeId } });
    const responsibleId = (await db.prisma.person.findFirstOrThrow({ where: { orgId: villageId }, orderBy: { name: "asc" } })).id;
    const plan = await createPlan(
      {
        matterId: demo.village.matterId,
        responsibleId,
        cap: "500,000",
        startsOn: "2026-05-01",
        endsOn: "2026-08-31",
        siteLat: SITE.lat,
        siteLon: SITE.lon,
        milestones: [{ title: "路面硬化完工", dueOn: "2026-07-31" }],
      },
      admin.actor,
      new Date(notice.endsAt.getTime() + DAY),
    );
    const report = await reportProgress(
      { planId: plan.planId, text: "路面硬化", files: [{ filename: "路面.jpg", data: await photoWithExif(21, "2026:05:18 09:30:00", SITE) }] },
      admin.actor,
      new Date("2026-05-18T04:00:00Z"),
    );
    expect(report.flaggedPhotos).toBe(0);
    villagePhotoId = report.fileIds[0] as string;
    const row = await db.prisma.townshipPhotoHash.findUniqueOrThrow({ where: { id: villagePhotoId } });
    const township = await db.prisma.organization.findUniqueOrThrow({ where: { id: villageId }, select: { parentId: true } });
    expect(row).toMatchObject({ townshipId: township.parentId, orgId: villageId, orgName: "平洲村（演示）", matterId: demo.village.matterId });
    expect(Object.keys(row).sort()).toEqual(["hashes", "id", "matterId", "matterTitle", "mirrors", "orgId", "orgName", "planId", "townshipId", "uploadedAt"]);
  });

  it("flags the cooperative's cropped, re-compressed copy naming the village, its project and the day — not a village of another township", async () => {
    // The same hashes as if a village of the other township had used the photo too: never compared.
    const foreign = await db.prisma.organization.findFirstOrThrow({ where: { name: "邻村（演示）" }, select: { id: true, name: true, parentId: true } });
    const mine = await db.prisma.townshipPhotoHash.findUniqueOrThrow({ where: { id: villagePhotoId } });
    foreignRowId = "foreign-township-photo";
    await db.prisma.townshipPhotoHash.create({
      data: { ...mine, id: foreignRowId, townshipId: foreign.parentId as string, orgId: foreign.id, orgName: foreign.name, matterTitle: "邻村道路" },
    });

    const responsibleId = (await db.prisma.person.findFirstOrThrow({ where: { orgId: coopId }, orderBy: { name: "asc" } })).id;
    const notice = await db.prisma.notice.findFirstOrThrow({ where: { matterId: coopMatterId }, orderBy: { postedAt: "desc" } });
    const plan = await createPlan(
      {
        matterId: coopMatterId,
        responsibleId,
        cap: "80,000",
        startsOn: "2026-05-01",
        endsOn: "2026-12-31",
        milestones: [{ title: "护岸完工", dueOn: "2026-11-30" }],
      },
      SYSTEM,
      new Date(notice.endsAt.getTime() + DAY),
    );
    const copy = await disguise(await photoWithExif(21, "2026:05:18 09:30:00", SITE), "cropped");
    // The village's alerts are stored before the cooperative's upload; the upload must make them stale (after commit).
    onEvent(alertsOnEvent);
    await refreshAlerts([villageId], DEFAULT_ALERT_SETTINGS);
    expect((await storedAlertsOf(villageId)).some((a) => a.code === "photo_reused_in_township")).toBe(false);
    const before = await db.prisma.auditEntry.count({ where: { orgId: coopId } });
    const report = await reportProgress({ planId: plan.planId, text: "护岸完工", files: [{ filename: "护岸.jpg", data: copy }] }, SYSTEM);
    coopPhotoId = report.fileIds[0] as string;
    expect(report.flaggedPhotos).toBe(1);

    const file = await db.prisma.evidenceFile.findUniqueOrThrow({ where: { id: coopPhotoId } });
    const duplicates = (file.checks as { duplicates: DuplicateUse[] }).duplicates;
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({
      fileId: villagePhotoId,
      filename: "",
      matterId: demo.village.matterId,
      other: { orgId: villageId, orgName: "平洲村（演示）", uploadedAt: "2026-05-18T04:00:00.000Z" },
    });
    expect(duplicates.some((d) => d.fileId === foreignRowId)).toBe(false);
    // The village did nothing, yet its stored alerts (the township dashboard's) now name the cooperative's use.
    expect(await refreshAlerts([villageId], DEFAULT_ALERT_SETTINGS)).toBe(1);
    expect((await storedAlertsOf(villageId)).filter((a) => a.code === "photo_reused_in_township")).toHaveLength(1);

    // The reuse is recorded for both sides' alerts, and the upload's audit entry names it.
    expect(await db.prisma.townshipPhotoReuse.findMany({ select: { fileId: true, otherFileId: true, orgId: true, otherOrgId: true } })).toEqual([
      { fileId: coopPhotoId, otherFileId: villagePhotoId, orgId: coopId, otherOrgId: villageId },
    ]);
    const entry = await db.prisma.auditEntry.findFirstOrThrow({ where: { orgId: coopId, action: "implementation.reported", seq: { gte: before } } });
    expect((JSON.parse(entry.bytes) as { data: { files: { townshipDuplicates: unknown[] }[] } }).data.files[0]?.townshipDuplicates).toEqual([
      { fileId: villagePhotoId, orgId: villageId, matterId: demo.village.matterId, distance: duplicates[0]?.distance },
    ]);
  });

  it("raises a yellow alert on both organizations, each naming the other use", async () => {
    const villageAlerts = (await alertsForOrganization(villageId)).filter((a) => a.code === "photo_reused_in_township");
    const coopAlerts = (await alertsForOrganization(coopId)).filter((a) => a.code === "photo_reused_in_township");
    expect(villageAlerts).toHaveLength(1);
    expect(coopAlerts).toHaveLength(1);
    expect(villageAlerts[0]).toMatchObject({ level: "yellow", subject: { orgId: villageId, matterId: demo.village.matterId, fileId: villagePhotoId } });
    expect(villageAlerts[0]?.message["zh-CN"]).toContain("平洲村第一经济合作社（演示）「西塘护岸修缮」");
    expect(coopAlerts[0]?.message["zh-CN"]).toContain("平洲村（演示）「");
    expect(coopAlerts[0]?.message["zh-CN"]).toContain("2026-05-18 上传");
    expect(coopAlerts[0]?.evidence.href).toBe(`/matters/${coopMatterId}/implementation`);
    const foreign = await db.prisma.organization.findFirstOrThrow({ where: { name: "邻村（演示）" } });
    expect((await alertsForOrganization(foreign.id)).filter((a) => a.code === "photo_reused_in_township")).toEqual([]);
  });

  it("shows the cooperative's photo to the township's staff, never to the village's people or another township", async () => {
    const villageAdmin = await viewerOf("13800000001");
    const reviewer = await viewerOf("13800000041");
    const otherTownship = await viewerOf("13800000043");
    await expect(evidenceFile(villageAdmin, coopPhotoId)).rejects.toMatchObject({ code: "not_found" });
    await expect(evidenceFile(otherTownship, coopPhotoId)).rejects.toMatchObject({ code: "not_found" });
    expect((await evidenceFile(reviewer, coopPhotoId)).mime).toBe("image/jpeg");
    expect((await evidenceFile(reviewer, villagePhotoId)).mime).toBe("image/jpeg");
    const view = await implementationView(reviewer, coopMatterId);
    expect(view).toMatchObject({ seesTownshipPhotos: true, canEdit: false });
  });
});
