/**
 * Asking witnesses to cosign our checkpoints (DESIGN.md §6, c2sp.org/tlog-witness). After a checkpoint is signed,
 * its organization's latest checkpoint goes to every witness in YISHI_WITNESSES with a consistency proof from the
 * size that witness last cosigned; the cosignatures that come back are checked and stored beside the checkpoint.
 *
 * This runs after commit and outside every meeting transaction, in the background: a witness that is down or slow
 * never delays a vote. An unreachable witness is retried with backoff (5 s doubling to 10 min, and at each periodic
 * checkpoint round); the time it was unreachable is kept as an offline period. A witness that refuses a checkpoint
 * (422: not consistent with what it cosigned) is a red flag in the supervisor console, and is not asked about that
 * checkpoint again.
 *
 * YISHI_WITNESSES: entries separated by ";" or newlines, each `<submission URL prefix> <witness vkey>`, e.g.
 *   http://township.example.cn:3300 township.example.cn/witness+1a2b3c4d+BN…
 */
import { currentDb } from "../db";
import { markAlertsDirty } from "../db/alertsDirty";
import { errorFields, logger } from "../ops/logger";
import { getRuntime } from "../runtime";
import { processSingleton } from "../singleton";
import { localWitnessHost } from "./localWitness";
import { consistencyProof } from "./merkle";
import { latestCheckpoint, readLeafHashes } from "./store";
import type { WitnessVerifier } from "./verify.mjs";
import { formatKeyId, parseWitnessVkey, verifyCosignatures } from "./verify.mjs";

export type WitnessTarget = {
  url: string;
  vkey: string;
  verifier: WitnessVerifier;
  /** The township's witness hosted in this deployment (server/audit/localWitness.ts): asked in process, not over HTTP. */
  submit?: Post;
  /** Shown instead of the key name (the township's name). */
  display?: string;
};
export type WitnessStatus = "ok" | "unreachable" | "refused";
export type WitnessOutcome = { witness: string; status: WitnessStatus | "skipped"; size: number; message?: string };
type Gap = { from: string; to: string };

export const WITNESSES_ENV = "YISHI_WITNESSES";
const REQUEST_TIMEOUT_MS = 15_000;
const MAX_ATTEMPTS = 3;
const BACKOFF_MS = { first: 5_000, max: 10 * 60_000 };

export class WitnessConfigError extends Error {}

/** Parses YISHI_WITNESSES; throws WitnessConfigError naming the bad entry. */
export function parseWitnessList(text: string | undefined): WitnessTarget[] {
  const targets: WitnessTarget[] = [];
  (text ?? "").split(/[;\n]/).forEach((raw, i) => {
    const entry = raw.trim();
    if (entry === "") return;
    const parts = entry.split(/\s+/);
    if (parts.length !== 2) throw new WitnessConfigError(`${WITNESSES_ENV} entry ${i + 1}: expected "<URL> <witness vkey>"`);
    const [url, vkey] = parts as [string, string];
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new WitnessConfigError(`${WITNESSES_ENV} entry ${i + 1}: ${url} is not a URL`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new WitnessConfigError(`${WITNESSES_ENV} entry ${i + 1}: ${url} must be http(s)`);
    try {
      targets.push({ url: url.replace(/\/+$/, ""), vkey, verifier: parseWitnessVkey(vkey) });
    } catch (error) {
      throw new WitnessConfigError(`${WITNESSES_ENV} entry ${i + 1}: ${(error as Error).message}`);
    }
  });
  return targets;
}

export function configuredWitnesses(env: NodeJS.ProcessEnv = process.env): WitnessTarget[] {
  return parseWitnessList(env[WITNESSES_ENV]);
}

export const witnessLabel = (verifier: WitnessVerifier): string => `${verifier.name}+${formatKeyId(verifier.keyId)}`;

type Post = (url: string, body: string) => Promise<{ status: number; text: string }>;

/**
 * The witness of the township above this organization, when this deployment hosts one (issue #21 item 3): it
 * witnesses the village's log with no YISHI_WITNESSES set; configured witnesses are asked as well.
 */
export async function localWitnessTargets(orgId: string): Promise<WitnessTarget[]> {
  const host = localWitnessHost();
  const witness = host ? await host.witnessFor(orgId) : null;
  if (!witness) return [];
  return [
    {
      url: `local:township/${witness.townshipId}`,
      vkey: witness.vkey,
      verifier: parseWitnessVkey(witness.vkey),
      submit: (_url, body) => witness.addCheckpoint(body),
      display: witness.townshipName,
    },
  ];
}

const httpPost: Post = async (url, body) => {
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: res.status, text: await res.text() };
};

const gapsOf = (value: unknown): Gap[] => (Array.isArray(value) ? (value as Gap[]) : []);

/**
 * Submits the organization's latest checkpoint to each witness and stores what comes back. Never throws for a witness
 * that fails: the outcome says what happened, and the state table keeps it for the console.
 */
export async function witnessOrg(orgId: string, given: readonly WitnessTarget[] = configuredWitnesses(), post: Post = httpPost): Promise<WitnessOutcome[]> {
  const local = await localWitnessTargets(orgId);
  const targets = [...given, ...local.filter((l) => !given.some((g) => g.vkey === l.vkey))];
  if (targets.length === 0) return [];
  const latest = await latestCheckpoint(orgId);
  if (!latest) return [];
  const { prisma } = currentDb();
  let leaves: Buffer[] | null = null;
  const outcomes: WitnessOutcome[] = [];
  for (const target of targets) {
    const label = witnessLabel(target.verifier);
    const where = { orgId_witness: { orgId, witness: target.vkey } };
    let state = await prisma.auditWitnessState.findUnique({ where });
    const already = await prisma.auditCosignature.count({
      where: { orgId, size: latest.size, witness: target.verifier.name, keyId: formatKeyId(target.verifier.keyId) },
    });
    if (already > 0 || (state?.status === "refused" && state.refusedSize === latest.size)) {
      outcomes.push({ witness: label, status: "skipped", size: latest.size });
      continue;
    }
    const save = async (data: {
      knownSize?: number;
      status: WitnessStatus;
      failingSince?: Date | null;
      lastError?: string | null;
      refusedSize?: number | null;
      refusedAt?: Date | null;
      gaps?: Gap[];
    }) => {
      state = await prisma.auditWitnessState.upsert({ where, create: { orgId, witness: target.vkey, ...data }, update: data });
    };
    let knownSize = state?.knownSize ?? 0;
    let outcome: WitnessOutcome | null = null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && outcome === null; attempt += 1) {
      if (knownSize > latest.size) {
        const message = `the witness has cosigned size ${knownSize}, more than this log's ${latest.size} entries (entries were removed?)`;
        await save({ status: "refused", lastError: message, refusedSize: latest.size, refusedAt: new Date(), knownSize });
        outcome = { witness: label, status: "refused", size: latest.size, message };
        break;
      }
      leaves ??= (await readLeafHashes(orgId)).hashes;
      const proof = consistencyProof(knownSize, leaves, latest.size);
      const body = `old ${knownSize}\n${proof.map((h) => `${h.toString("base64")}\n`).join("")}\n${latest.note}`;
      let res: { status: number; text: string };
      try {
        res = await (target.submit ?? post)(`${target.url}/add-checkpoint`, body);
      } catch (error) {
        res = { status: 0, text: (error as Error).message };
      }
      if (res.status === 200) {
        let cosigned: ReturnType<typeof verifyCosignatures>;
        try {
          cosigned = verifyCosignatures(`${latest.note}${res.text}`, [target.verifier]);
          if (cosigned.length === 0) throw new Error("no cosignature by this witness's key in the answer");
        } catch (error) {
          const message = `the witness answered with an invalid cosignature: ${(error as Error).message}`;
          await save({ status: "unreachable", lastError: message, failingSince: state?.failingSince ?? new Date() });
          outcome = { witness: label, status: "unreachable", size: latest.size, message };
          break;
        }
        const lines = res.text.split("\n").filter((line) => line.startsWith(`\u2014 ${target.verifier.name} `));
        for (const line of lines) {
          const keyId = Buffer.from(line.split(" ")[2] ?? "", "base64").readUInt32BE(0);
          if (keyId !== target.verifier.keyId) continue;
          await prisma.auditCosignature.upsert({
            where: { orgId_size_witness_keyId: { orgId, size: latest.size, witness: target.verifier.name, keyId: formatKeyId(keyId) } },
            create: {
              orgId,
              size: latest.size,
              witness: target.verifier.name,
              keyId: formatKeyId(keyId),
              line,
              cosignedAt: new Date((cosigned[0] as { timestamp: number }).timestamp * 1000),
            },
            update: {},
          });
        }
        const gaps = gapsOf(state?.gaps);
        if (state?.failingSince) gaps.push({ from: state.failingSince.toISOString(), to: new Date().toISOString() });
        await save({ knownSize: latest.size, status: "ok", failingSince: null, lastError: null, gaps });
        outcome = { witness: label, status: "ok", size: latest.size };
      } else if (res.status === 409 && /^(0|[1-9][0-9]*)\n$/.test(res.text)) {
        // The witness knows another size than we thought (a restart, a lost answer): ask again from that size.
        knownSize = Number(res.text);
        await save({ knownSize, status: (state?.status as WitnessStatus | undefined) ?? "ok" });
      } else if (res.status === 0 || res.status >= 500 || res.status === 409 || res.status === 429) {
        const message = res.status === 0 ? `unreachable: ${res.text}` : `HTTP ${res.status}: ${res.text.trim().slice(0, 200)}`;
        await save({ status: "unreachable", lastError: message, failingSince: state?.failingSince ?? new Date() });
        outcome = { witness: label, status: "unreachable", size: latest.size, message };
      } else {
        const message = `HTTP ${res.status}: ${res.text.trim().slice(0, 300)}`;
        await save({ status: "refused", lastError: message, refusedSize: latest.size, refusedAt: new Date() });
        outcome = { witness: label, status: "refused", size: latest.size, message };
      }
    }
    outcomes.push(outcome ?? { witness: label, status: "unreachable", size: latest.size, message: "the witness kept changing its size" });
  }
  return outcomes;
}

// ─── Background submission with backoff ───────────────────────────────────────────────────────────────────────────

type Pending = {
  running: Promise<void> | null;
  again: boolean;
  retry: NodeJS.Timeout | null;
  failures: number;
  /** The witnesses of the latest call: a queued rerun or a retry uses these. */
  targets: readonly WitnessTarget[];
  stopped: boolean;
};
const KEY = "__yishiWitnessing";

function pendingMap(): Map<string, Pending> {
  return processSingleton(KEY, () => new Map<string, Pending>());
}

/**
 * Submits the organization's latest checkpoint in the background (never awaited by a meeting's code path). One run
 * per organization at a time; a call during a run queues one more. Failures to reach a witness back off.
 */
export function scheduleWitnessing(orgId: string, given?: readonly WitnessTarget[]): void {
  let targets: readonly WitnessTarget[];
  try {
    targets = given ?? configuredWitnesses();
  } catch (error) {
    // The server refuses to start with a bad YISHI_WITNESSES (startCheckpointer); a CLI tool just skips witnessing.
    logger().error(errorFields(error), "witnessing skipped");
    return;
  }
  if (targets.length === 0 && !localWitnessHost()) return;
  const map = pendingMap();
  const entry = map.get(orgId) ?? { running: null, again: false, retry: null, failures: 0, targets, stopped: false };
  entry.targets = targets;
  map.set(orgId, entry);
  if (entry.running) {
    entry.again = true;
    return;
  }
  if (entry.retry) {
    clearTimeout(entry.retry);
    entry.retry = null;
  }
  entry.running = witnessOrg(orgId, entry.targets)
    .then((outcomes) => {
      const unreachable = outcomes.filter((o) => o.status === "unreachable");
      entry.failures = unreachable.length > 0 ? entry.failures + 1 : 0;
      for (const o of unreachable) logger().warn({ witness: o.witness, orgId, err: o.message }, "见证暂不可达 witness unreachable");
      const refused = outcomes.filter((x) => x.status === "refused");
      for (const o of refused) logger().error({ witness: o.witness, orgId, size: o.size, err: o.message }, "见证拒绝 witness refused the checkpoint");
      // A split view is an alert of the village (witnessAlerts.ts): its stored alerts are recomputed at the next read.
      if (refused.length > 0) return markAlertsDirty(orgId);
    })
    .catch((error: unknown) => {
      entry.failures += 1;
      logger().error({ orgId, ...errorFields(error) }, "witnessing failed");
    })
    .finally(() => {
      entry.running = null;
      if (entry.stopped || getRuntime().shuttingDown) return;
      if (entry.again) {
        entry.again = false;
        scheduleWitnessing(orgId, entry.targets);
      } else if (entry.failures > 0) {
        const delay = Math.min(BACKOFF_MS.first * 2 ** (entry.failures - 1), BACKOFF_MS.max);
        entry.retry = setTimeout(() => {
          entry.retry = null;
          if (!entry.stopped) scheduleWitnessing(orgId, entry.targets);
        }, delay);
        entry.retry.unref();
      }
    });
}

/** Waits for background submissions under way (shutdown and tests); pending retries are cancelled. */
export async function stopWitnessing(): Promise<void> {
  const map = pendingMap();
  const entries = [...map.values()];
  map.clear();
  for (const entry of entries) {
    entry.stopped = true;
    if (entry.retry) clearTimeout(entry.retry);
  }
  await Promise.all(entries.map((entry) => entry.running));
}

/** The checkpoint note with every stored cosignature line appended: still a valid signed note (exports, receipts). */
export async function withCosignatures(orgId: string, size: number, note: string): Promise<string> {
  const rows = await currentDb().prisma.auditCosignature.findMany({ where: { orgId, size }, orderBy: [{ witness: "asc" }, { keyId: "asc" }] });
  return rows.length === 0 ? note : `${note}${rows.map((row) => `${row.line}\n`).join("")}`;
}
