/**
 * Meeting notices (issue #22) through the commands and the outbox, on a real in-process database with the demo
 * village, the outside channels pointed at local servers that check signatures: what each channel records, failures
 * and retries with backoff, the notice period from the first successful delivery, 签收, paper receipts, leave and
 * online intent, and the quorum forecast. Times are passed in, never waited for.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemo } from "../../../prisma/seed";
import type { Database } from "../../db/client";
import { backoffMs, MAX_ATTEMPTS } from "../../domain/meeting/noticeDelivery";
import type { BodyKind } from "../../domain/rules";
import { setActiveProviders } from "../../notify/active";
import { aliyunSms } from "../../notify/aliyunSms";
import { firstNoticeDelivery } from "../../notify/evidence";
import { drainOutbox } from "../../notify/outbox";
import { wecomRobot } from "../../notify/wecomRobot";
import { deliveryBoard } from "../../queries/noticeDelivery";
import { buildBody, buildMeeting, demoPhone } from "../../testing/builders";
import { openInProcessDb } from "../../testing/inProcessDb";
import { type FakeProvider, fakeAliyun, fakeWecom } from "../../testing/providerServers";
import { chinaDateInput } from "../../time";
import { type Actor, accountActor, SYSTEM } from "../actor";
import { openMeeting } from "../live/openMeeting";
import { createPerson } from "../org/createPerson";
import { acknowledgeNotice } from "./acknowledgeNotice";
import { declareAttendanceIntent } from "./declareAttendanceIntent";
import { recordPaperReceipts } from "./recordPaperReceipts";
import { sendMeetingNotice } from "./sendMeetingNotice";

const DAY = 86_400_000;
const MIN = 60_000;
let db: Database;
let close: () => Promise<void>;
let aliyun: FakeProvider;
let wecom: FakeProvider;
let villageId = "";
const actors: Record<string, Actor> = {};
const people: Record<string, string> = {};
let admin: { id: string; name: string };
let seq = 0;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  await seedDemo();
  villageId = (await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村（演示）" } })).id;
  for (const [role, phone] of Object.entries({
    admin: demoPhone("admin"),
    chair: demoPhone("chair"),
    huang: demoPhone("member"),
    li: demoPhone("member", 1),
    he: demoPhone("member", 2),
    resident: demoPhone("resident"),
  })) {
    const account = await db.prisma.account.findUniqueOrThrow({ where: { phone }, select: { id: true, displayName: true, personId: true } });
    actors[role] = accountActor(account.id, account.displayName);
    if (account.personId) people[role] = account.personId;
  }
  admin = { id: (actors.admin as { accountId: string }).accountId, name: "村务管理员" };
  people.nophone = (await createPerson({ orgId: villageId, name: "无手机村民", gender: "male" }, SYSTEM)).id;
  [aliyun, wecom] = await Promise.all([fakeAliyun({ id: "id-1", secret: "secret-1" }), fakeWecom("robot-1")]);
  setActiveProviders({
    sms: aliyunSms({ accessKeyId: "id-1", accessKeySecret: "secret-1", signName: "平洲村", templateCode: "SMS_1", endpoint: aliyun.url }),
    wecom: wecomRobot(wecom.url),
  });
}, 180_000);
afterAll(async () => {
  await Promise.all([aliyun?.close(), wecom?.close()]);
  await close?.();
});
beforeEach(() => {
  aliyun.mode = "ok";
  wecom.mode = "ok";
});

/** A 村民会议 (notice: 10 days, VCOL 2025 art. 25) of the chair, three demo members and one without a phone. */
async function assemblyMeeting(startsAt: Date, kind = "villagers-assembly", form = "in_person"): Promise<string> {
  const body = await buildBody(villageId, {
    kind: kind as BodyKind,
    name: `测试会议${++seq}`,
    people: ["chair", "huang", "li", "he", "nophone"].map((key) => people[key] as string),
    chairId: people.chair,
  });
  return (await buildMeeting(body.id, { number: `第${seq}次`, title: "通知测试", startsAt, form })).id;
}

async function auditOf(meetingId: string): Promise<{ action: string; object: { id: string }; data: Record<string, unknown> }[]> {
  const rows = await db.prisma.auditEntry.findMany({ where: { meetingId }, orderBy: { seq: "asc" }, select: { bytes: true } });
  return rows.map((r) => JSON.parse(r.bytes) as { action: string; object: { id: string }; data: Record<string, unknown> });
}

const rowsOf = (meetingId: string, channel: string) => db.prisma.noticeDelivery.findMany({ where: { meetingId, channel } });

describe("sending through each channel", () => {
  it("in the app at once; SMS and WeCom after commit through the outbox; a member without a phone is logged as failed", async () => {
    const t0 = new Date(Date.now() - 20 * DAY);
    const meetingId = await assemblyMeeting(new Date(t0.getTime() + 15 * DAY));
    const sent = await sendMeetingNotice({ meetingId, channels: ["in_app", "sms", "wecom"] }, actors.admin as Actor, t0);
    expect(sent).toEqual({ issued: 5, queued: 8, requeued: 0, unreachable: 2 });
    expect((await rowsOf(meetingId, "in_app")).every((r) => r.status === "sent" && r.sentAt?.getTime() === t0.getTime())).toBe(true);
    expect((await rowsOf(meetingId, "sms")).map((r) => r.status).sort()).toEqual(["failed", "queued", "queued", "queued", "queued"]);
    expect(aliyun.accepted).toHaveLength(0);

    const drained = await drainOutbox({ now: () => new Date(t0.getTime() + MIN) });
    expect(drained).toEqual({ delivered: 8, failed: 0 });
    expect((await rowsOf(meetingId, "sms")).filter((r) => r.status === "sent")).toHaveLength(4);
    // One group post for the meeting, mentioning the four members who have a phone.
    expect(wecom.accepted.at(-1)?.phones).toHaveLength(4);

    const audit = await auditOf(meetingId);
    const count = (action: string, channel: string) => audit.filter((e) => e.action === action && e.data.channel === channel).length;
    expect([count("notice.issued", "in_app"), count("notice.queued", "sms"), count("notice.delivered", "sms"), count("notice.delivered", "wecom")]).toEqual([
      5, 4, 4, 4,
    ]);
    expect(audit.filter((e) => e.action === "notice.delivery_failed").map((e) => e.object.id)).toEqual([people.nophone, people.nophone]);

    // Sending again sends nothing to those already reached.
    expect(await sendMeetingNotice({ meetingId, channels: ["in_app", "sms"] }, actors.admin as Actor, t0)).toEqual({
      issued: 0,
      queued: 0,
      requeued: 0,
      unreachable: 0,
    });
  });

  it("an SMS provider that is down is retried with backoff while the other channels deliver; nothing is lost", async () => {
    const t0 = new Date(Date.now() - 30 * DAY);
    const meetingId = await assemblyMeeting(new Date(t0.getTime() + 20 * DAY));
    aliyun.mode = "down";
    await sendMeetingNotice({ meetingId, channels: ["sms", "wecom"] }, actors.admin as Actor, t0);
    const first = await drainOutbox({ now: () => t0 });
    expect(first).toEqual({ delivered: 4, failed: 4 });
    const waiting = await rowsOf(meetingId, "sms");
    expect(waiting.filter((r) => r.status === "queued").every((r) => r.attempts === 1 && r.nextAttemptAt?.getTime() === t0.getTime() + backoffMs(1))).toBe(
      true,
    );
    // Not due yet: nothing is tried again before the backoff ends.
    expect(await drainOutbox({ now: () => new Date(t0.getTime() + 30_000) })).toEqual({ delivered: 0, failed: 0 });
    aliyun.mode = "ok";
    expect(await drainOutbox({ now: () => new Date(t0.getTime() + backoffMs(1)) })).toEqual({ delivered: 4, failed: 0 });
    const audit = await auditOf(meetingId);
    const retries = audit.filter((e) => e.action === "notice.delivery_failed" && e.data.channel === "sms" && typeof e.data.retryAt === "string");
    expect(retries).toHaveLength(4);
    expect(retries[0]?.data.error).toContain("503");
    expect(audit.filter((e) => e.action === "notice.delivered" && e.data.channel === "sms").map((e) => e.data.attempt)).toEqual([2, 2, 2, 2]);
  });

  it("gives up after the last try, logs it, and the clerk can send the failed ones again", async () => {
    const t0 = new Date(Date.now() - 40 * DAY);
    const meetingId = await assemblyMeeting(new Date(t0.getTime() + 20 * DAY));
    aliyun.mode = "throttled";
    await sendMeetingNotice({ meetingId, channels: ["sms"] }, actors.admin as Actor, t0);
    let at = t0.getTime();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await drainOutbox({ now: () => new Date(at) });
      at += backoffMs(attempt);
    }
    const rows = await rowsOf(meetingId, "sms");
    expect(rows.filter((r) => r.status === "failed" && r.attempts === MAX_ATTEMPTS)).toHaveLength(4);
    expect(rows.find((r) => r.attempts === MAX_ATTEMPTS)?.lastError).toContain("isv.BUSINESS_LIMIT_CONTROL");
    aliyun.mode = "ok";
    expect(await sendMeetingNotice({ meetingId, channels: ["sms"] }, actors.admin as Actor, new Date(at))).toMatchObject({ requeued: 4 });
    expect(await drainOutbox({ now: () => new Date(at) })).toEqual({ delivered: 4, failed: 0 });
  });

  it("refuses a channel that is not configured, a meeting that has started, and anyone but the clerk", async () => {
    const meetingId = await assemblyMeeting(new Date(Date.now() + 20 * DAY));
    setActiveProviders({ sms: null, wecom: null });
    try {
      await expect(sendMeetingNotice({ meetingId, channels: ["sms"] }, actors.admin as Actor)).rejects.toMatchObject({
        code: "invalid_input",
        details: { reason: "channel_off" },
      });
    } finally {
      setActiveProviders({
        sms: aliyunSms({ accessKeyId: "id-1", accessKeySecret: "secret-1", signName: "平洲村", templateCode: "SMS_1", endpoint: aliyun.url }),
        wecom: wecomRobot(wecom.url),
      });
    }
    await expect(sendMeetingNotice({ meetingId, channels: [] }, actors.admin as Actor)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(sendMeetingNotice({ meetingId, channels: ["in_app"] }, actors.chair as Actor)).rejects.toMatchObject({ code: "forbidden" });
    await openMeeting({ meetingId }, actors.chair as Actor);
    await expect(sendMeetingNotice({ meetingId, channels: ["in_app"] }, actors.admin as Actor)).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "started" },
    });
  });
});

describe("the notice period from the first successful delivery", () => {
  it("counts from the earliest delivery to anyone, shows 已通知 n/m（最早 …）, and warns when it is shorter than the law's ten days", async () => {
    const startsAt = new Date(Date.now() + 30 * DAY);
    const meetingId = await assemblyMeeting(startsAt);
    expect(await firstNoticeDelivery(db.prisma, meetingId)).toBeNull();
    const signedOn = chinaDateInput(startsAt.getTime() - 5 * DAY);
    await recordPaperReceipts({ meetingId, personIds: [people.li, people.he], signedOn }, actors.admin as Actor, startsAt);
    let board = await deliveryBoard(admin, meetingId);
    expect(board.summary).toMatchObject({ members: 5, notified: 2, received: 2 });
    expect(board.warnings.map((w) => w.code)).toEqual(["notice_too_short"]);
    expect(board.summaryText["zh-CN"]).toMatch(/^已通知 2\/5（最早 \d+月\d+日），已签收 2，请假 0$/);

    // An SMS that failed proves nothing; an in-app notice issued twelve days before does.
    aliyun.mode = "down";
    const early = new Date(startsAt.getTime() - 12 * DAY);
    await sendMeetingNotice({ meetingId, channels: ["sms"] }, actors.admin as Actor, early);
    await drainOutbox({ now: () => early });
    expect((await deliveryBoard(admin, meetingId)).warnings.map((w) => w.code)).toEqual(["notice_too_short"]);
    await sendMeetingNotice({ meetingId, channels: ["in_app"] }, actors.admin as Actor, early);
    expect(await firstNoticeDelivery(db.prisma, meetingId)).toEqual(early);
    board = await deliveryBoard(admin, meetingId);
    expect(board.warnings).toEqual([]);
    expect(board.summary).toMatchObject({ notified: 5, received: 2 });
  });
});

describe("receipts", () => {
  it("a member signs for the in-app notice once; again changes nothing; before it is issued and for others it is refused", async () => {
    const meetingId = await assemblyMeeting(new Date(Date.now() + 20 * DAY));
    await expect(acknowledgeNotice({ meetingId }, actors.huang as Actor)).rejects.toMatchObject({ code: "conflict", details: { reason: "not_issued" } });
    await sendMeetingNotice({ meetingId, channels: ["in_app"] }, actors.admin as Actor);
    const first = await acknowledgeNotice({ meetingId }, actors.huang as Actor);
    expect(first.already).toBe(false);
    expect(await acknowledgeNotice({ meetingId }, actors.huang as Actor)).toEqual({ receivedAt: first.receivedAt, already: true });
    await expect(acknowledgeNotice({ meetingId }, actors.resident as Actor)).rejects.toMatchObject({ code: "forbidden" });
    const audit = await auditOf(meetingId);
    expect(audit.filter((e) => e.action === "notice.received")).toEqual([
      expect.objectContaining({ object: { type: "person", id: people.huang }, data: { channel: "in_app" } }),
    ]);
    expect((await deliveryBoard(admin, meetingId)).summary.received).toBe(1);
  });

  it("paper: ticks with the scanned sheet's SHA-256 in the log; refuses a date in the future and someone not on the roster", async () => {
    const meetingId = await assemblyMeeting(new Date(Date.now() + 20 * DAY));
    const scan = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0x25, 0x45, 0x4f, 0x46, 0x0a]);
    const today = chinaDateInput(Date.now());
    const result = await recordPaperReceipts(
      { meetingId, personIds: [people.chair, people.nophone], signedOn: today, scan: { filename: "签收单.pdf", data: scan } },
      actors.admin as Actor,
    );
    expect(result).toEqual({ recorded: 2, scanSha256: createHash("sha256").update(scan).digest("hex") });
    const audit = await auditOf(meetingId);
    expect(audit.find((e) => e.action === "notice.receipt_scanned")?.data).toMatchObject({ sha256: result.scanSha256, members: 2 });
    expect(audit.filter((e) => e.action === "notice.received" && e.data.channel === "paper" && e.data.scanSha256 === result.scanSha256)).toHaveLength(2);
    const future = chinaDateInput(Date.now() + 3 * DAY);
    await expect(recordPaperReceipts({ meetingId, personIds: [people.li], signedOn: future }, actors.admin as Actor)).rejects.toMatchObject({
      code: "invalid_input",
      field: "signedOn",
    });
    await expect(recordPaperReceipts({ meetingId, personIds: [people.resident], signedOn: today }, actors.admin as Actor)).rejects.toMatchObject({
      code: "invalid_input",
      details: { reason: "not_member" },
    });
    await expect(
      recordPaperReceipts(
        { meetingId, personIds: [people.li], signedOn: today, scan: { filename: "x.txt", data: new TextEncoder().encode("hello") } },
        actors.admin as Actor,
      ),
    ).rejects.toMatchObject({ details: { reason: "type" } });
  });
});

describe("leave, online attendance and the quorum forecast", () => {
  it("forecasts 预计到会 from leave; warns once the quorum cannot be reached", async () => {
    const meetingId = await assemblyMeeting(new Date(Date.now() + 20 * DAY));
    expect((await deliveryBoard(admin, meetingId)).forecast).toMatchObject({ expected: 5, quorumRequired: 3, reachable: true });
    await expect(declareAttendanceIntent({ meetingId, kind: "leave" }, actors.li as Actor)).rejects.toMatchObject({ code: "invalid_input", field: "reason" });
    await declareAttendanceIntent({ meetingId, kind: "leave", reason: "外出务工" }, actors.li as Actor);
    await declareAttendanceIntent({ meetingId, kind: "leave", reason: "住院" }, actors.he as Actor);
    let board = await deliveryBoard(admin, meetingId);
    expect(board.forecast.message["zh-CN"]).toBe("预计到会 3/5：可以达到法定人数（需 3 人）");
    expect(board.summary.leave).toBe(2);
    await declareAttendanceIntent({ meetingId, kind: "leave", reason: "出差" }, actors.huang as Actor);
    board = await deliveryBoard(admin, meetingId);
    expect(board.forecast).toMatchObject({ expected: 2, reachable: false });
    expect(board.forecast.message["zh-CN"]).toBe("预计到会 2/5：达不到法定人数（需 3 人，还差 1 人）");
    // Changing one's mind back counts again.
    await declareAttendanceIntent({ meetingId, kind: "in_person" }, actors.huang as Actor);
    expect((await deliveryBoard(admin, meetingId)).forecast).toMatchObject({ expected: 3, reachable: true });
    await expect(declareAttendanceIntent({ meetingId, kind: "leave", reason: "外出" }, actors.resident as Actor)).rejects.toMatchObject({ code: "forbidden" });
    const intents = (await auditOf(meetingId)).filter((e) => e.action === "attendance.intent");
    expect(intents.map((e) => e.data.kind)).toEqual(["leave", "leave", "leave", "in_person"]);
  });

  it("online attendance only where it counts (成员大会, RCEOL 27) and the meeting is online or hybrid", async () => {
    const assembly = await assemblyMeeting(new Date(Date.now() + 20 * DAY), "villagers-assembly", "hybrid");
    await expect(declareAttendanceIntent({ meetingId: assembly, kind: "online" }, actors.li as Actor)).rejects.toMatchObject({
      code: "invalid_input",
      details: { reason: "online_not_counted" },
    });
    const inPerson = await assemblyMeeting(new Date(Date.now() + 20 * DAY), "members-assembly", "in_person");
    await expect(declareAttendanceIntent({ meetingId: inPerson, kind: "online" }, actors.li as Actor)).rejects.toMatchObject({
      code: "invalid_input",
      details: { reason: "in_person_only" },
    });
    const hybrid = await assemblyMeeting(new Date(Date.now() + 20 * DAY), "members-assembly", "hybrid");
    await declareAttendanceIntent({ meetingId: hybrid, kind: "online" }, actors.li as Actor);
    const board = await deliveryBoard(admin, hybrid);
    expect(board.forecast).toMatchObject({ online: 1, expected: 5, onlineNotCounted: 0 });
    const entry = (await auditOf(hybrid)).find((e) => e.action === "attendance.intent");
    expect(entry?.data).toMatchObject({ kind: "online", legalBasis: expect.stringContaining("第二十七条") });
  });

  it("the delivery log and forecast are for the clerk, chair, recorder and supervisors, not for members", async () => {
    const meetingId = await assemblyMeeting(new Date(Date.now() + 20 * DAY));
    const chair = actors.chair as { accountId: string; name: string };
    expect((await deliveryBoard({ id: chair.accountId, name: chair.name }, meetingId)).canManage).toBe(false);
    const li = actors.li as { accountId: string; name: string };
    await expect(deliveryBoard({ id: li.accountId, name: li.name }, meetingId)).rejects.toMatchObject({ code: "forbidden" });
  });
});
