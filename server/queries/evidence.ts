/**
 * A decision's evidence page for supervisors: who attended, how the quorum was computed (the counts frozen when the
 * vote opened and the rules engine's answer stored at close), the ballots or tally (secret ballots: the sorted
 * trackers only, never who chose what), the minutes' hashes, and the inclusion proofs of the motion's vote.closed and
 * vote.result entries against the latest signed checkpoint.
 */
import { type EntryProof, proofForEntry } from "../audit/proofs";
import { decodeEntry } from "../audit/verify.mjs";
import { currentDb } from "../db";
import { type EnteredTotals, type FrozenVoters, type MotionResult, type ProcedureWarning, procedureWarningsOf } from "../domain/meeting";
import { AppError } from "../errors";
import type { Viewer } from "./access";
import { requireSupervisor } from "./auditAccess";
import { type ConsoleCheckpoint, type ConsoleOpinion, checkpointView, opinionsOf } from "./auditConsole";

export type EvidenceBallots =
  | { kind: "named"; votes: { voter: string; castBy: string | null; choice: string }[] }
  | { kind: "secret"; trackers: string[] }
  | { kind: "totals"; yes: number; no: number; abstain: number; enteredBy: string; confirmedBy: string | null }
  | { kind: "none" };

export type EvidenceProof = { action: string; seq: number; ts: string } & ({ proof: EntryProof; error: null } | { proof: null; error: string });

export type Evidence = {
  org: { id: string; name: string };
  meeting: { id: string; number: string; title: string; bodyName: string; startsAt: Date; place: string };
  motion: { id: string; text: string; method: string; matterKind: string; state: string; openedAt: Date | null; closedAt: Date | null };
  attendance: { name: string; status: string; proxyHolder: string | null; authorizationNote: string | null }[];
  nonVoting: { name: string; affiliation: string | null }[];
  entitled: { voter: string; castBy: string | null }[];
  recused: string[];
  counts: { expected: number | null; present: number | null; households: number | null; recusedCount: number | null; basis: string };
  result: MotionResult | null;
  ballots: EvidenceBallots;
  minutes: {
    version: number;
    sha256: string;
    finalizedAt: Date;
    reason: string | null;
    /** Who signed this version and how: own account, paper (with the scan), or 代书 (with its two witnesses). */
    signatures: { name: string; role: string; method: string; signedAt: Date; witnesses: string[]; scan: { id: string; sha256: string } | null }[];
  }[];
  proofs: EvidenceProof[];
  checkpoint: ConsoleCheckpoint | null;
  opinions: ConsoleOpinion[];
  /** The rule shown before the vote (issue #16); null for motions opened before it was recorded. */
  rule: { sentence: { "zh-CN": string; en: string }; basis: { "zh-CN": string; en: string }; yesRequired: number } | null;
  /** Procedure warnings recorded with the meeting. */
  procedureWarnings: ProcedureWarning[];
};

type Words = { "zh-CN": string; en: string };

function ruleOf(value: unknown): Evidence["rule"] {
  if (typeof value !== "object" || value === null) return null;
  const rule = value as { sentence?: Words; basis?: Words; yesRequired?: unknown };
  if (!rule.sentence || !rule.basis || typeof rule.yesRequired !== "number") return null;
  return { sentence: rule.sentence, basis: rule.basis, yesRequired: rule.yesRequired };
}

async function loadMotion(orgId: string, motionId: string) {
  const motion = await currentDb().prisma.motion.findUnique({
    where: { id: motionId },
    include: {
      meeting: {
        include: {
          org: { select: { id: true, name: true } },
          body: { select: { name: true, members: { select: { personId: true } } } },
          attendance: true,
          nonVoting: { orderBy: { createdAt: "asc" } },
          minutesVersions: {
            orderBy: { version: "asc" },
            include: { signatures: { orderBy: [{ signedAt: "asc" }, { personId: "asc" }], include: { scan: { select: { id: true, sha256: true } } } } },
          },
        },
      },
      votes: { orderBy: { voterPersonId: "asc" } },
    },
  });
  if (!motion || motion.meeting.orgId !== orgId || motion.result === null) throw new AppError("not_found", "decision not found", { field: "motionId" });
  return motion;
}

function ballotsOf(motion: Awaited<ReturnType<typeof loadMotion>>, result: MotionResult, nameOf: (id: string | null) => string): EvidenceBallots {
  if (motion.method === "secret") return { kind: "secret", trackers: [...(result.trackers ?? [])].sort() };
  if (motion.method === "named" || motion.method === "hands_named") {
    // A proxy is who the frozen list says casts the vote; a show of hands is recorded by the chair, not a proxy.
    const frozen = (motion.entitled as FrozenVoters | null)?.voters ?? [];
    const proxyOf = new Map(frozen.filter((v) => v.castByPersonId !== v.voterPersonId).map((v) => [v.voterPersonId, v.castByPersonId]));
    return {
      kind: "named",
      votes: motion.votes.map((v) => ({
        voter: nameOf(v.voterPersonId),
        castBy: proxyOf.has(v.voterPersonId) ? nameOf(proxyOf.get(v.voterPersonId) ?? null) : null,
        choice: v.choice,
      })),
    };
  }
  const totals = motion.enteredTotals as EnteredTotals | null;
  if (!totals) return { kind: "none" };
  return {
    kind: "totals",
    yes: totals.yes,
    no: totals.no,
    abstain: totals.abstain,
    enteredBy: nameOf(totals.enteredBy),
    confirmedBy: totals.confirmedBy ? nameOf(totals.confirmedBy) : null,
  };
}

async function proofsOf(orgId: string, meetingId: string, motionId: string): Promise<EvidenceProof[]> {
  const rows = await currentDb().prisma.auditEntry.findMany({
    where: { orgId, meetingId, action: { in: ["vote.closed", "vote.result"] } },
    orderBy: { seq: "asc" },
    select: { seq: true, bytes: true, action: true, ts: true },
  });
  const mine = rows.filter((row) => {
    try {
      return decodeEntry(Buffer.from(row.bytes, "utf8")).object.id === motionId;
    } catch {
      return false;
    }
  });
  const proofs: EvidenceProof[] = [];
  for (const row of mine) {
    const base = { action: row.action, seq: row.seq, ts: row.ts.toISOString() };
    try {
      proofs.push({ ...base, proof: await proofForEntry(orgId, row.seq), error: null });
    } catch (error) {
      proofs.push({ ...base, proof: null, error: (error as Error).message });
    }
  }
  return proofs;
}

export async function decisionEvidence(viewer: Viewer | null, orgId: string, motionId: string): Promise<Evidence> {
  await requireSupervisor(viewer, orgId);
  const motion = await loadMotion(orgId, motionId);
  const { meeting } = motion;
  const result = motion.result as unknown as MotionResult;
  const entitled = motion.entitled as FrozenVoters | null;
  const personIds = new Set<string>([...meeting.body.members.map((m) => m.personId), ...meeting.attendance.map((a) => a.personId)]);
  for (const a of meeting.attendance) if (a.proxyHolderId) personIds.add(a.proxyHolderId);
  for (const v of entitled?.voters ?? []) personIds.add(v.castByPersonId).add(v.voterPersonId);
  const totals = motion.enteredTotals as EnteredTotals | null;
  if (totals) personIds.add(totals.enteredBy);
  if (totals?.confirmedBy) personIds.add(totals.confirmedBy);
  const signerIds = meeting.minutesVersions.flatMap((v) => v.signatures.flatMap((sig) => [sig.personId, ...sig.witnessIds]));
  const people = await currentDb().prisma.person.findMany({ where: { id: { in: [...personIds, ...signerIds] } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const nameOf = (id: string | null) => (id === null ? "" : (names.get(id) ?? id));
  const recorded = new Map(meeting.attendance.map((a) => [a.personId, a]));
  const attendance = [...personIds]
    .filter((id) => recorded.has(id) || meeting.body.members.some((m) => m.personId === id))
    .map((id) => {
      const row = recorded.get(id);
      return {
        name: nameOf(id),
        status: row?.status ?? "absent",
        proxyHolder: row?.proxyHolderId ? nameOf(row.proxyHolderId) : null,
        authorizationNote: row?.authorizationNote ?? null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  return {
    org: meeting.org,
    meeting: { id: meeting.id, number: meeting.number, title: meeting.title, bodyName: meeting.body.name, startsAt: meeting.startsAt, place: meeting.place },
    motion: {
      id: motion.id,
      text: motion.text,
      method: motion.method,
      matterKind: motion.matterKind,
      state: motion.state,
      openedAt: motion.openedAt,
      closedAt: motion.closedAt,
    },
    attendance,
    nonVoting: meeting.nonVoting.map((n) => ({ name: n.name, affiliation: n.affiliation })),
    entitled: (entitled?.voters ?? []).map((v) => ({
      voter: nameOf(v.voterPersonId),
      castBy: v.castByPersonId === v.voterPersonId ? null : nameOf(v.castByPersonId),
    })),
    recused: (entitled?.recusedPersonIds ?? []).map(nameOf),
    counts: {
      expected: motion.expected,
      present: motion.present,
      households: motion.households,
      recusedCount: motion.recusedCount,
      basis: entitled?.basis ?? "members",
    },
    result,
    ballots: ballotsOf(motion, result, nameOf),
    minutes: meeting.minutesVersions.map((v) => ({
      version: v.version,
      sha256: v.sha256,
      finalizedAt: v.finalizedAt,
      reason: v.reason,
      signatures: v.signatures.map((sig) => ({
        name: nameOf(sig.personId),
        role: sig.role,
        method: sig.method,
        signedAt: sig.signedAt,
        witnesses: sig.witnessIds.map(nameOf),
        scan: sig.scan,
      })),
    })),
    proofs: await proofsOf(orgId, meeting.id, motion.id),
    checkpoint: await checkpointView(orgId),
    opinions: await opinionsOf(orgId, motion.id),
    rule: ruleOf(motion.rule),
    procedureWarnings: procedureWarningsOf(meeting.procedureWarnings),
  };
}
