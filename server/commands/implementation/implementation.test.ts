/**
 * S6 implementation and payments (issue #23) through the commands, on a real in-process database with the demo
 * village: its 2026 budget decision is planned, reported on with photos (time, place, a reused photo), spent up to
 * and past its cap, paid through an imported GBK CSV, and its result notice is built from the record.
 */
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoNotices } from "../../../prisma/demoNotice";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { openInProcessDb } from "../../testing/inProcessDb";
import { disguise, originalPhoto, photoWithExif } from "../../testing/photos";
import { type Actor, accountActor } from "../actor";
import { publishResult } from "../notice/publishResult";
import { createPlan } from "./createPlan";
import { importPayments } from "./importPayments";
import { reportProgress } from "./reportProgress";

const DAY = 86_400_000;
let db: Database;
let close: () => Promise<void>;
let demo: DemoNotices;
let villageId: string;
let responsibleId: string;
let planId: string;
let decisionCode: string;
const actors: Record<string, Actor> = {};
const SITE = { lat: 23.05, lon: 113.15 };

async function actorOf(phone: string): Promise<Actor> {
  const account = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true } });
  return accountActor(account.id, account.displayName);
}
const auditCount = () => db.prisma.auditEntry.count({ where: { orgId: villageId } });

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  demo = (await seedDemo()).notices;
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" } })).id;
  responsibleId = (await db.prisma.person.findFirstOrThrow({ where: { orgId: villageId }, orderBy: { name: "asc" } })).id;
  for (const [role, phone] of Object.entries({ admin: "13800000001", member: "13800000004", supervisor: "13800000009" })) actors[role] = await actorOf(phone);
}, 180_000);
afterAll(async () => close?.());

const planInput = () => ({
  matterId: demo.village.matterId,
  responsibleId,
  cap: "500,000",
  startsOn: "2026-05-01",
  endsOn: "2026-08-31",
  siteLat: SITE.lat,
  siteLon: SITE.lon,
  milestones: [
    { title: "路面硬化完工", dueOn: "2026-07-31" },
    { title: "完成招标", dueOn: "2026-05-20" },
  ],
});

describe("the implementation plan", () => {
  it("refuses supervisors and members and changes nothing", async () => {
    const before = await auditCount();
    await expect(createPlan(planInput(), actors.supervisor!)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createPlan(planInput(), actors.member!)).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditCount()).toBe(before);
    // The demo's cooperative has a plan of its own (its 东塘鱼塘 photo); the village's decision has none.
    expect(await db.prisma.implementationPlan.count({ where: { matterId: demo.village.matterId } })).toBe(0);
  });

  it("refuses a milestone due outside the period and a period that ends before it starts", async () => {
    await expect(createPlan({ ...planInput(), milestones: [{ title: "x", dueOn: "2026-09-01" }] }, actors.admin!)).rejects.toMatchObject({
      code: "invalid_input",
      field: "milestones.0.dueOn",
    });
    await expect(createPlan({ ...planInput(), endsOn: "2026-04-30" }, actors.admin!)).rejects.toMatchObject({ code: "invalid_input", field: "endsOn" });
    await expect(createPlan({ ...planInput(), cap: "五十万" }, actors.admin!)).rejects.toMatchObject({ code: "invalid_input", field: "cap" });
  });

  it("plans the passed decision with a short ID, moves the matter to S6 once its notice period is over, and only once", async () => {
    const notice = await db.prisma.notice.findUniqueOrThrow({ where: { id: demo.village.noticeId } });
    const created = await createPlan(planInput(), actors.admin!, new Date(notice.endsAt.getTime() + DAY));
    expect(created).toMatchObject({ stage: "implementation", decisionCode: expect.stringMatching(/^[0-9a-z]{8}$/) });
    ({ planId, decisionCode } = created);
    const milestones = await db.prisma.milestone.findMany({ where: { planId }, orderBy: { position: "asc" } });
    expect(milestones.map((m) => m.title)).toEqual(["完成招标", "路面硬化完工"]);
    const entry = await db.prisma.auditEntry.findFirstOrThrow({ where: { orgId: villageId, action: "implementation.planned" } });
    expect(JSON.parse(entry.bytes).data).toMatchObject({ capFen: "50000000", decisionCode });
    await expect(createPlan(planInput(), actors.admin!)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("progress with photos", () => {
  let firstPhotoId = "";
  it("accepts a photo taken on site within the period without findings", async () => {
    const photo = await photoWithExif(11, "2026:05:18 09:30:00", SITE);
    const report = await reportProgress(
      {
        planId,
        text: "完成招标",
        spent: "20,000",
        milestoneId: (await db.prisma.milestone.findFirstOrThrow({ where: { planId, position: 0 } })).id,
        files: [{ filename: "招标现场.jpg", data: photo }],
      },
      actors.admin!,
      new Date("2026-05-18T04:00:00Z"),
    );
    expect(report).toMatchObject({ flaggedPhotos: 0, isOverCap: false });
    firstPhotoId = report.fileIds[0]!;
    expect(await db.prisma.milestone.findFirstOrThrow({ where: { planId, position: 0 } })).toMatchObject({ doneOn: "2026-05-18" });
  });

  it("flags a photo from before the period and far away, and a mirrored re-compressed copy with the first use", async () => {
    const old = await photoWithExif(12, "2026:03:01 09:30:00", { lat: 23.5, lon: 113.15 });
    const reused = await disguise(await photoWithExif(11, "2026:05:18 09:30:00", SITE), "mirrored+recompressed");
    const other = await originalPhoto(13);
    const report = await reportProgress(
      {
        planId,
        text: "路基施工",
        spent: "479,999.99",
        files: [
          { filename: "old.jpg", data: old },
          { filename: "again.jpg", data: reused },
          { filename: "new.jpg", data: other },
        ],
      },
      actors.admin!,
    );
    const files = await db.prisma.evidenceFile.findMany({ where: { id: { in: report.fileIds } } });
    const byName = new Map(files.map((f) => [f.filename, f.checks as { findings: string[]; duplicates: { fileId: string }[] }]));
    expect(byName.get("old.jpg")).toMatchObject({ findings: ["before_period", "far_from_site"], duplicates: [] });
    expect(byName.get("again.jpg")?.duplicates.map((d) => d.fileId)).toEqual([firstPhotoId]);
    expect(byName.get("new.jpg")).toMatchObject({ findings: ["no_time", "no_place"], duplicates: [] });
    // 20,000 + 479,999.99 = 499,999.99: within the 500,000 cap.
    expect(report).toMatchObject({ flaggedPhotos: 3, isOverCap: false });
  });

  it("reaches the cap exactly without a flag and passes it by one fen with one", async () => {
    await expect(reportProgress({ planId, text: "尾款", spent: "0.01", files: [] }, actors.admin!)).resolves.toMatchObject({ isOverCap: false });
    await expect(reportProgress({ planId, text: "追加", spent: "0.01", files: [] }, actors.admin!)).resolves.toMatchObject({ isOverCap: true });
  });

  it("refuses a file that is not a photo or PDF and a supervisor's report, writing nothing", async () => {
    const before = await auditCount();
    await expect(
      reportProgress({ planId, text: "x", files: [{ filename: "a.exe", data: new Uint8Array([0x4d, 0x5a, 0, 0]) }] }, actors.admin!),
    ).rejects.toMatchObject({ code: "invalid_input", field: "files.0" });
    await expect(reportProgress({ planId, text: "x", files: [] }, actors.supervisor!)).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditCount()).toBe(before);
  });
});

describe("payments against decisions", () => {
  it("reads a GBK CSV and flags the payment without a decision, the unknown decision and the one past the cap", async () => {
    const csv = [
      "日期,收款人,金额（元）,用途,决议编号",
      `2026/6/1,平洲建筑队,300000,路面硬化,${decisionCode.toUpperCase()}`,
      `2026/6/2,平洲建筑队,200000,路面硬化,${decisionCode}`,
      "2026/6/3,某商店,88.5,办公用品,",
      "2026/6/4,某公司,1000,咨询,zzzzzzzz",
      `2026/6/5,平洲建筑队,0.01,尾款,${decisionCode}`,
    ].join("\r\n");
    const data = new Uint8Array(iconv.encode(csv, "gbk"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(data)).toThrow();
    const imported = await importPayments({ orgId: villageId, filename: "付款.csv", data }, actors.admin!);
    expect(imported.encoding).toBe("gb18030");
    expect(imported.payments.map((p) => [p.payee, p.flags])).toEqual([
      ["平洲建筑队", []],
      ["平洲建筑队", []],
      ["某商店", ["no_decision"]],
      ["某公司", ["unknown_decision"]],
      ["平洲建筑队", ["over_cap"]],
    ]);
    await expect(importPayments({ orgId: villageId, filename: "again.csv", data }, actors.admin!)).rejects.toMatchObject({ code: "conflict" });
    await expect(
      importPayments(
        { orgId: villageId, filename: "x.csv", data: new Uint8Array(iconv.encode("日期,收款人,金额,用途\n2026-13-01,甲,1,乙", "gbk")) },
        actors.admin!,
      ),
    ).rejects.toMatchObject({ code: "invalid_input", details: { reason: "date_invalid", line: 2 } });
    await expect(importPayments({ orgId: villageId, filename: "x.csv", data }, actors.supervisor!)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the result notice", () => {
  it("is built from the implementation record when no text is given", async () => {
    const published = await publishResult({ matterId: demo.village.matterId }, actors.admin!, new Date("2026-09-05T02:00:00Z"));
    const notice = await db.prisma.notice.findUniqueOrThrow({ where: { id: published.id } });
    expect(notice.body).toContain(`决议编号：${decisionCode}`);
    expect(notice.body).toContain("决议金额（上限）：500,000.00 元；已支出：500,000.01 元（超出 0.01 元）");
    expect(notice.body).toContain("2. 路面硬化完工（计划 2026-07-31，逾期未完成）");
    expect(notice.body).toContain("三资平台支付记录：3 笔，合计 500,000.01 元，其中 1 笔存疑");
  });
});
