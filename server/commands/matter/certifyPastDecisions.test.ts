/**
 * Backfill of decision certificates (issue #23): a decision announced before certificates existed — a passed vote
 * on a matter with no short ID and no `decision.certified` entry, as the demo's data stood then — gets both, by an
 * appended entry that verifies like any other; the recorded result and every earlier entry stay byte for byte; a
 * second run issues nothing; a member cannot run it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../../prisma/seed";
import { certificateFor } from "../../audit/certificate";
import { checkpointAllOrgs } from "../../audit/checkpointer";
import { main } from "../../audit/verify.mjs";
import type { Database } from "../../db/client";
import { openInProcessDb } from "../../testing/inProcessDb";
import { chinaDateInput } from "../../time";
import { accountActor, SYSTEM } from "../actor";
import { adjournMeeting } from "../live/adjournMeeting";
import { announceResult } from "../live/announceResult";
import { closeVote } from "../live/closeVote";
import { openMeeting } from "../live/openMeeting";
import { openVote } from "../live/openVote";
import { recordAttendance } from "../live/recordAttendance";
import { recordTotals } from "../live/recordTotals";
import { startItem } from "../live/startItem";
import { scheduleMeeting } from "../meeting/scheduleMeeting";
import { certifyPastDecision, certifyPastDecisions, uncertifiedDecisions } from "./certifyPastDecisions";
import { raiseMatter } from "./raiseMatter";

let db: Database;
let close: () => Promise<void>;
let motionId: string;
let orgId: string;

beforeAll(async () => {
  ({ db, close } = await openInProcessDb());
  await seedDemo();
  // A vote passed and announced on an agenda item with no matter (nothing certifies it), then the item recorded on a
  // matter directly: the decision as data stood before certificates existed — no short ID, no decision.certified.
  const coop = await db.prisma.organization.findFirstOrThrow({ where: { name: "平洲村第一经济合作社（演示）" }, select: { id: true } });
  orgId = coop.id;
  const body = await db.prisma.body.findFirstOrThrow({ where: { orgId, kind: "member-representatives" }, select: { id: true } });
  const roster = await db.prisma.bodyMember.findMany({ where: { bodyId: body.id }, orderBy: { person: { createdAt: "asc" } }, select: { personId: true } });
  const held = new Date(Date.now() - 60 * 86_400_000);
  held.setUTCHours(1, 30, 0, 0);
  const { id: meetingId } = await scheduleMeeting(
    {
      bodyId: body.id,
      number: "2025年第4次",
      title: "成员代表大会",
      startsAt: held.toISOString(),
      place: "合作社办公室",
      noticeDate: chinaDateInput(held.getTime() - 10 * 86_400_000),
      agenda: [{ title: "村道路灯安装" }],
    },
    SYSTEM,
  );
  const present = roster.slice(0, 18).map((m) => m.personId);
  await openMeeting({ meetingId }, SYSTEM);
  for (const personId of present) await recordAttendance({ meetingId, personId, status: "present_in_person" }, SYSTEM);
  await startItem({ meetingId }, SYSTEM);
  const vote = await openVote({ meetingId, text: "同意安装村道路灯", method: "hands_named", matterKind: "general" }, SYSTEM);
  motionId = vote.motionId;
  await recordTotals({ meetingId, motionId, kind: "hands_named", votes: present.map((voterPersonId) => ({ voterPersonId, choice: "yes" })) }, SYSTEM);
  await closeVote({ meetingId, motionId }, SYSTEM);
  await announceResult({ meetingId, motionId }, SYSTEM);
  await adjournMeeting({ meetingId }, SYSTEM);
  const { id: matterId } = await raiseMatter({ orgId, title: "村道路灯安装", description: "村道路灯。", kind: "general", source: "cadres" }, SYSTEM);
  const motion = await db.prisma.motion.findUniqueOrThrow({ where: { id: motionId }, select: { itemId: true, decisionCode: true } });
  expect(motion.decisionCode).toBeNull();
  await db.prisma.agendaItem.update({ where: { id: motion.itemId }, data: { matterId } });
}, 240_000);
afterAll(async () => close?.());

describe("certifying past decisions", () => {
  it("finds the decision without a certificate, and a member may not certify it", async () => {
    expect(await uncertifiedDecisions()).toEqual([motionId]);
    const member = await db.prisma.account.findUniqueOrThrow({ where: { phone: "13800000004" }, select: { id: true, displayName: true } });
    await expect(certifyPastDecision({ motionId }, accountActor(member.id, member.displayName))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("appends a decision.certified entry that verifies, rewriting nothing recorded, and issues nothing on a second run", async () => {
    const before = await db.prisma.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" }, select: { seq: true, bytes: true } });
    const result = (await db.prisma.motion.findUniqueOrThrow({ where: { id: motionId }, select: { result: true, announcedAt: true } })) as {
      result: unknown;
      announcedAt: Date;
    };
    const issued = await certifyPastDecisions();
    expect(issued).toEqual([{ motionId, code: expect.stringMatching(/^[0-9a-z]{8}$/) }]);
    const code = issued[0]?.code as string;

    const after = await db.prisma.auditEntry.findMany({ where: { orgId }, orderBy: { seq: "asc" }, select: { seq: true, bytes: true, action: true } });
    expect(after.slice(0, before.length).map(({ seq, bytes }) => ({ seq, bytes }))).toEqual(before);
    expect(after.slice(before.length).map((e) => e.action)).toEqual(["decision.certified"]);
    const entry = JSON.parse(after.at(-1)?.bytes as string) as { data: { code: string; decidedOn: string } };
    expect(entry.data).toMatchObject({ code, decidedOn: chinaDateInput(result.announcedAt) });
    expect((await db.prisma.motion.findUniqueOrThrow({ where: { id: motionId }, select: { result: true, decisionCode: true } })).result).toEqual(result.result);

    // Verifies like a certificate issued at the announcement.
    await checkpointAllOrgs();
    const cert = await certificateFor(code);
    expect(cert.statement).toMatchObject({ code, passed: true });
    const out: string[] = [];
    const file = `${process.env.TMPDIR ?? "/tmp"}/backfill-${code}.json`;
    const fs = await import("node:fs");
    fs.writeFileSync(file, JSON.stringify(cert));
    expect(
      await main(
        ["--certificate", file],
        (l) => out.push(l),
        (l) => out.push(l),
      ),
    ).toBe(0);
    fs.rmSync(file);

    expect(await certifyPastDecisions()).toEqual([]);
    expect(await db.prisma.auditEntry.count({ where: { orgId } })).toBe(after.length);
  });
});
