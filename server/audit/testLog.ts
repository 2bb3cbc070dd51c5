/**
 * Test factory: a realistic chained log, its signed checkpoints and its bundle. Used by the audit tests and handy for
 * benchmarks; it writes only where it is told to.
 */
import { generateKeyPairSync } from "node:crypto";
import type { AuditKey } from "./auditKey";
import type { AuditEntryFields, EncodedEntry } from "./canonical";
import { chainEntry } from "./canonical";
import type { TreeHead } from "./checkpoint";
import { auditOrigin } from "./checkpoint";
import { writeBundle } from "./exportBundle";
import { merkleRoot } from "./merkle";
import { rawEd25519PublicKey } from "./note";
import { CheckpointSigner } from "./signer";

export const TEST_ORG = "org_test1";
export const TEST_ORIGIN = auditOrigin("yishi.test", TEST_ORG);

export function makeAuditKey(): AuditKey {
  const { privateKey } = generateKeyPairSync("ed25519");
  return { privateKey, publicKey: rawEd25519PublicKey(privateKey) };
}

const CHOICES = ["同意", "反对", "弃权"] as const;

/** The fields of entry `seq`, cycling through a meeting's typical actions. */
export function entryFields(seq: number, org: string = TEST_ORG): AuditEntryFields {
  const ts = new Date(Date.UTC(2025, 2, 1, 8, 0, 0) + seq * 1000);
  const inMeeting = { ts, org, meeting: "mt_1" };
  const member = { id: `p_${seq % 37}`, role: "member", name: `村民${seq % 37}号` };
  const motion = { type: "motion", id: "mo_7" };
  switch (seq % 4) {
    case 0: {
      const system = { ts, org, meeting: null, actor: null };
      return { ...system, action: "org.updated", object: { type: "org", id: org }, data: { seq, note: "系统" } };
    }
    case 1: {
      const object = { type: "attendance", id: `a_${seq}` };
      const data = { present: true, mode: "in_person", proxy: null };
      return { ...inMeeting, actor: member, action: "attendance.recorded", object, data };
    }
    case 2: {
      const data = { choice: CHOICES[seq % 3], clientId: `c-${seq}` };
      return { ...inMeeting, actor: member, action: "vote.cast", object: motion, data };
    }
    default: {
      const chair = { id: "p_chair", role: "chair", name: "王主任" };
      const data = { tally: { yes: seq, no: 2, abstain: 1 }, basis: ["村民委员会组织法 第二十六条"] };
      return { ...inMeeting, actor: chair, action: "vote.result", object: motion, data };
    }
  }
}

export function makeEntries(count: number, org: string = TEST_ORG): EncodedEntry[] {
  const out: EncodedEntry[] = [];
  for (let seq = 0; seq < count; seq += 1) {
    const head = seq === 0 ? null : { seq: seq - 1, leafHash: out[seq - 1].leafHash };
    out.push(chainEntry(head, entryFields(seq, org)));
  }
  return out;
}

/** Signs checkpoints at `sizes` (ascending) the way the server does: each consistent with the one before. */
export function signCheckpoints(entries: readonly EncodedEntry[], sizes: readonly number[], signer: CheckpointSigner): string[] {
  const leafHashes = entries.map((e) => e.leafHash);
  let previous: TreeHead | null = null;
  return sizes.map((size) => {
    const next = { size, root: merkleRoot(leafHashes, size) };
    const note = signer.sign({ origin: TEST_ORIGIN, previous, next, evidence: { leafHashes } });
    previous = next;
    return note;
  });
}

export interface TestBundle {
  dir: string;
  entries: EncodedEntry[];
  notes: string[];
  keys: AuditKey[];
  signer: CheckpointSigner;
}

export async function makeBundle(dir: string, options: { count: number; sizes: readonly number[]; keys?: AuditKey[] }): Promise<TestBundle> {
  const keys = options.keys ?? [makeAuditKey()];
  const signer = new CheckpointSigner({ keys });
  const entries = makeEntries(options.count);
  const notes = signCheckpoints(entries, options.sizes, signer);
  await writeBundle(dir, {
    origin: TEST_ORIGIN,
    orgName: "测试村",
    entries: entries.map((e) => e.bytes),
    checkpoints: notes,
    keys: keys.map((k) => ({ name: signer.keyName(TEST_ORIGIN), publicKey: k.publicKey })),
    exportedAt: new Date(Date.UTC(2025, 5, 1)),
    verify: false,
  });
  return { dir, entries, notes, keys, signer };
}
