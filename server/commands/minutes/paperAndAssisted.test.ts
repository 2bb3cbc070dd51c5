/**
 * Minutes signed the three ways a village signs them (issue #19): on one's own phone, on the printed sheet with the
 * scan uploaded, and 代书 confirmed by two witnesses on their phones. A real database in this process, the demo's
 * finished meeting (12 of 15 representatives present, most without accounts), the commands as users reach them.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFinishedMeeting } from "../../../prisma/demoMeeting";
import { seedDemo } from "../../../prisma/seed";
import { decodeEntry } from "../../audit/verify.mjs";
import { loadMinutesStatus } from "../../minutes/status";
import { signatureScan } from "../../queries/signatureScan";
import { openInProcessDb } from "../../testing/inProcessDb";
import { type Actor, accountActor, SYSTEM } from "../actor";
import { confirmWitness } from "./confirmWitness";
import { finalizeMinutes } from "./finalizeMinutes";
import { recordPaperSignatures, SCAN_MAX_BYTES } from "./recordPaperSignatures";
import { requestAssistedSignature } from "./requestAssistedSignature";
import { signMinutes } from "./signMinutes";

const PDF = new TextEncoder().encode("%PDF-1.4\n% 签到表扫描件\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let db: Awaited<ReturnType<typeof openInProcessDb>>;
let meetingId = "";
const actors: Record<string, Actor> = {};

async function actorOf(name: string): Promise<{ actor: Actor; personId: string }> {
  const account = await db.db.prisma.account.findFirstOrThrow({ where: { person: { name } }, select: { id: true, personId: true } });
  return { actor: accountActor(account.id, name), personId: account.personId as string };
}

/** The AppError a call is refused with: its code and reason, or "ok". */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "ok";
  } catch (error) {
    const e = error as { code?: string; details?: { reason?: string } };
    return [e.code, e.details?.reason].filter(Boolean).join(":");
  }
}

const minutesEntries = async () =>
  (await db.db.prisma.auditEntry.findMany({ where: { meetingId, action: { startsWith: "minutes." } }, orderBy: { seq: "asc" }, select: { bytes: true } })).map(
    (row) => decodeEntry(Buffer.from(row.bytes, "utf8")),
  );

beforeAll(async () => {
  db = await openInProcessDb();
  await seedDemo();
  const body = await db.db.prisma.body.findFirstOrThrow({ where: { name: "平洲村村民代表会议" } });
  meetingId = await seedFinishedMeeting(body.id);
  for (const name of ["梁丽娟", "陈国强", "黄锦华"]) actors[name] = (await actorOf(name)).actor;
}, 180_000);

afterAll(async () => db?.close());

describe("paper and assisted signatures", () => {
  it("brings the minutes to 'all signed' with one paper and one assisted signature, refusing what is wrong on the way", async () => {
    const recorder = actors.梁丽娟 as Actor;
    const { prisma } = db.db;
    const someone = (await prisma.person.findFirstOrThrow({ where: { name: "张汉生" }, select: { id: true } })).id;
    // Nothing to sign before the minutes are finalized.
    expect(await refusal(recordPaperSignatures({ meetingId, versionId: "v", personIds: [someone], filename: "a.pdf", data: PDF }, recorder))).toBe(
      "conflict:not_finalized",
    );
    const { versionId } = await finalizeMinutes({ meetingId }, SYSTEM);

    const status = await loadMinutesStatus(prisma, meetingId);
    if (!status?.latest) throw new Error("not finalized");
    const candidates = new Set(status.witnessCandidates.map((c) => c.personId));
    const withoutAccount = status.required.filter((s) => s.role === "attendee" && !candidates.has(s.personId));
    const [paper, assisted] = withoutAccount;
    const [witness1, witness2] = status.witnessCandidates;
    if (!paper || !assisted || !witness1 || !witness2) throw new Error("the demo meeting lacks attendees without accounts or witnesses");
    const absent = (await prisma.bodyMember.findMany({ where: { bodyId: status.bodyId }, select: { personId: true } }))
      .map((m) => m.personId)
      .find((id) => !status.required.some((s) => s.personId === id)) as string;
    const recorderPerson = status.required.find((s) => s.role === "recorder")?.personId as string;

    // Everyone else signs on their own (as the system on their behalf, as the demo seed does).
    for (const signer of status.required.filter((s) => s.personId !== paper.personId && s.personId !== assisted.personId)) {
      await signMinutes({ meetingId, versionId, personId: signer.personId }, SYSTEM);
    }
    const before = (await minutesEntries()).length;

    // Refusals: each with its reason, none writes anything.
    const scan = { meetingId, versionId, personIds: [paper.personId], filename: "签到表.pdf", data: PDF };
    expect(await refusal(recordPaperSignatures(scan, actors.陈国强 as Actor))).toBe("forbidden");
    expect(await refusal(recordPaperSignatures({ ...scan, personIds: [absent] }, recorder))).toBe("invalid_input:not_signer");
    expect(await refusal(recordPaperSignatures({ ...scan, personIds: [witness1.personId] }, recorder))).toBe("conflict:already_signed");
    expect(await refusal(recordPaperSignatures({ ...scan, data: new Uint8Array(SCAN_MAX_BYTES + 1).fill(0x25) }, recorder))).toBe(
      "invalid_input:scan_too_large",
    );
    expect(await refusal(recordPaperSignatures({ ...scan, data: new TextEncoder().encode("MZ not a scan") }, recorder))).toBe("invalid_input:scan_type");
    expect(await refusal(recordPaperSignatures({ ...scan, versionId: "older" }, recorder))).toBe("conflict:stale_version");
    const ask = { meetingId, versionId, personId: assisted.personId, witness1: witness1.personId, witness2: witness2.personId };
    expect(await refusal(requestAssistedSignature({ ...ask, witness2: witness1.personId }, recorder))).toBe("invalid_input:witness_same");
    expect(await refusal(requestAssistedSignature({ ...ask, witness2: recorderPerson }, recorder))).toBe("invalid_input:witness_is_recorder");
    expect(await refusal(requestAssistedSignature({ ...ask, witness2: assisted.personId }, recorder))).toBe("invalid_input:witness_is_signer");
    expect(await refusal(requestAssistedSignature({ ...ask, witness2: absent }, recorder))).toBe("invalid_input:witness_not_present");
    expect(await refusal(requestAssistedSignature({ ...ask, personId: recorderPerson }, recorder))).toBe("invalid_input:self");
    expect(await refusal(requestAssistedSignature(ask, actors.黄锦华 as Actor))).toBe("forbidden");
    expect(await minutesEntries()).toHaveLength(before);
    expect(await prisma.signatureScan.count()).toBe(0);

    // (a) Paper: the scan is kept, its SHA-256 is in the minutes.signed entry.
    const recorded = await recordPaperSignatures(scan, recorder);
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect(recorded).toMatchObject({ sha256: sha, recorded: 1, isComplete: false });
    const kept = await signatureScan((recorder as { accountId: string }).accountId, meetingId, recorded.scanId);
    expect(Buffer.from(kept.data).equals(Buffer.from(PDF))).toBe(true);
    expect(await refusal(signatureScan((actors.黄锦华 as { accountId: string }).accountId, meetingId, recorded.scanId))).toBe("forbidden");
    const paperEntry = (await minutesEntries()).at(-1);
    expect(paperEntry).toMatchObject({
      action: "minutes.signed",
      actor: { role: "recorder" },
      data: { personId: paper.personId, method: "paper", scan: { sha256: sha } },
    });

    // (b) 代书: pending until both witnesses confirm on their own accounts.
    await requestAssistedSignature(ask, recorder);
    const w1 = await actorOfPerson(witness1.personId);
    const w2 = await actorOfPerson(witness2.personId);
    // The recorder wrote it and is never a witness: refused like anyone not named.
    expect(await refusal(confirmWitness({ meetingId, personId: assisted.personId }, recorder))).toBe("forbidden:not_witness");
    expect(await confirmWitness({ meetingId, personId: assisted.personId }, w1)).toMatchObject({ confirmations: 1, isSigned: false });
    let pending = await loadMinutesStatus(prisma, meetingId);
    expect(pending?.latest).toMatchObject({ isComplete: false, missing: [{ personId: assisted.personId }] });
    expect(pending?.latest?.pendingAssisted[0]?.witnesses.map((w) => w.confirmedAt !== null)).toEqual([true, false]);
    expect(await confirmWitness({ meetingId, personId: assisted.personId }, w1)).toMatchObject({ alreadyConfirmed: true });
    const done = await confirmWitness({ meetingId, personId: assisted.personId }, w2);
    expect(done).toMatchObject({ confirmations: 2, isSigned: true, isComplete: true });

    pending = await loadMinutesStatus(prisma, meetingId);
    expect(pending?.latest?.isComplete).toBe(true);
    expect(pending?.meetingState).toBe("archived");
    const methods = Object.fromEntries(pending?.latest?.signatures.map((s) => [s.personId, s.method]) ?? []);
    expect(methods[paper.personId]).toBe("paper");
    expect(methods[assisted.personId]).toBe("assisted");
    expect(pending?.latest?.signatures.find((s) => s.personId === assisted.personId)?.witnesses).toEqual([witness1.name, witness2.name]);

    const entries = (await minutesEntries()).slice(before);
    expect(entries.map((e) => e.action)).toEqual(["minutes.signed", "minutes.assist_requested", "minutes.witnessed", "minutes.witnessed", "minutes.signed"]);
    expect(entries.at(-1)).toMatchObject({
      data: { method: "assisted", witnesses: [witness1.personId, witness2.personId], complete: true, meetingState: "archived" },
    });
    expect(await refusal(recordPaperSignatures(scan, recorder))).toBe("conflict:complete");
  });
});

async function actorOfPerson(personId: string): Promise<Actor> {
  const account = await db.db.prisma.account.findFirstOrThrow({ where: { personId }, select: { id: true, displayName: true } });
  return accountActor(account.id, account.displayName);
}
