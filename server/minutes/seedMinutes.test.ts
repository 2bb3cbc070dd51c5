import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFinishedMeeting } from "../../prisma/demoMeeting";
import { seedMinutesForMeeting } from "../../prisma/demoMinutes";
import { seedDemo } from "../../prisma/seed";
import { openInProcessDb } from "../testing/inProcessDb";
import { loadMinutesStatus } from "./status";

describe("signed minutes for the demo's finished meeting", () => {
  let db: Awaited<ReturnType<typeof openInProcessDb>>;
  beforeAll(async () => {
    db = await openInProcessDb();
    await seedDemo();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("writes the free text, finalizes and has every required signer sign, archiving the meeting", async () => {
    const { prisma } = db.db;
    const body = await prisma.body.findFirstOrThrow({ where: { name: "平洲村村民代表会议" } });
    const meetingId = await seedFinishedMeeting(body.id);
    const motions = await prisma.motion.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" } });
    const seeded = await seedMinutesForMeeting(meetingId, {
      header: "会议由陈国强主持，梁丽娟记录。",
      [`vote:${motions[1]?.id}`]: "出租方案差一票未达到全体代表三分之二，退回两委重新商议。",
    });
    expect(seeded.meetingState).toBe("archived");
    const status = await loadMinutesStatus(prisma, meetingId);
    expect(status?.latest).toMatchObject({ version: 1, isComplete: true, sha256: seeded.sha256 });
    expect(status?.latest?.signatures).toHaveLength(status?.required.length ?? -1);
    expect(status?.required.map((s) => s.role)).toEqual(expect.arrayContaining(["chair", "recorder", "attendee"]));
    const version = await prisma.minutesVersion.findFirstOrThrow({ where: { meetingId } });
    const text = version.text;
    expect(text.indexOf("会议由陈国强主持，梁丽娟记录。")).toBeLessThan(text.indexOf("【出席情况】"));
    expect(text).toContain("同意原砖厂地块出租方案");
    expect(text.indexOf("退回两委重新商议")).toBeGreaterThan(text.indexOf("表决：同意原砖厂地块出租方案"));
    expect(text).toContain("结论：未通过（需同意10票）");
    const audit = await prisma.auditEntry.groupBy({ by: ["action"], where: { meetingId, action: { startsWith: "minutes." } }, _count: true });
    expect(Object.fromEntries(audit.map((a) => [a.action, a._count]))).toEqual({ "minutes.snapshot": 1, "minutes.signed": status?.required.length });
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).state).toBe("archived");
  });
});
