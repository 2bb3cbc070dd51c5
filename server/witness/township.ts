/**
 * The township's witness, hosted by the same deployment (issue #21 item 3). When a township exists here, its villages'
 * and cooperatives' logs are witnessed by it without YISHI_WITNESSES (configured witnesses are asked as well).
 *
 * It is the witness of server/witness — the same Witness class, protocol rules and WitnessStore — run in this
 * process and asked by an in-process call (server/audit/localWitness.ts), not over HTTP: no port, no loopback request
 * through the same-origin gate, and a witness that cannot be "unreachable". What keeps it apart from the village logs:
 *
 * - its own Ed25519 key per township: `<dir>/keys/<townshipId>/witness-key.pem` (mode 0600, created on first use),
 *   where <dir> is YISHI_TOWNSHIP_WITNESS_DIR or `<data dir>/township-witness`. The audit signer reads only
 *   YISHI_AUDIT_KEY or `<data dir>/audit-key.pem`; a witness key equal to an audit key is refused at start.
 * - its own database: PGlite in `<dir>/db` (or YISHI_TOWNSHIP_WITNESS_DATABASE_URL), never the village database,
 *   so whoever rewrites the village's tables does not touch what the witness cosigned or the refusals it kept.
 * - in code, the private key exists only inside the cosigner's closure (server/witness/cosigner.ts). The village
 *   log's code (server/audit) cannot import this folder (docs/architecture.json; server/architecture.test.ts) and
 *   gets from the registration only the vkey, a submit function and the refusals.
 *
 * YISHI_TOWNSHIP_WITNESS=0 turns it off. `npm run witness -- township-vkeys` prints the keys (README "Witnesses").
 */
import type { KeyObject } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { auditKeys, auditSigner } from "../audit/auditSigner";
import { type LocalWitness, type LocalWitnessHost, registerLocalWitnessHost, type SplitViewEvidence, unregisterLocalWitnessHost } from "../audit/localWitness";
import { auditHost, logOrigin } from "../audit/store";
import type { NoteVerifier } from "../audit/verify.mjs";
import { townshipAbove, townshipIds, townshipNamed } from "../db/townshipOf";
import { loadWitnessKey, type WitnessConfig } from "./config";
import { type Cosigner, ed25519Cosigner } from "./cosigner";
import { openWitnessStore, type WitnessStore } from "./store";
import { Witness } from "./witness";

export const TOWNSHIP_WITNESS_ENV = "YISHI_TOWNSHIP_WITNESS";

export class TownshipWitnessError extends Error {}

export function townshipWitnessDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.YISHI_TOWNSHIP_WITNESS_DIR || path.join(dataDir, "township-witness"));
}

export function townshipWitnessEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[TOWNSHIP_WITNESS_ENV] !== "0";
}

/** The key name a township's witness signs under: `<host>/township/<id>`. */
export function townshipWitnessName(townshipId: string, host: string = auditHost()): string {
  return `${host}/township/${townshipId}`;
}

/** Reads (or creates, mode 0600) a township witness's key. Only this module and the witness CLI call it. */
function townshipKey(dir: string, townshipId: string): KeyObject {
  if (!/^[A-Za-z0-9_-]+$/.test(townshipId)) throw new TownshipWitnessError(`township id ${JSON.stringify(townshipId)} cannot name a key folder`);
  const config = { dataDir: path.join(dir, "keys", townshipId) } as WitnessConfig;
  // env {}: WITNESS_KEY belongs to a stand-alone `npm run witness`, never to a township of this deployment.
  return loadWitnessKey(config, {} as NodeJS.ProcessEnv).key;
}

/** Every township witness key under `dir`: township id → vkey (for the CLI; no database needed). */
export function townshipWitnessVkeys(dir: string, host: string): { townshipId: string; vkey: string }[] {
  const keys = path.join(dir, "keys");
  if (!existsSync(keys)) return [];
  return readdirSync(keys)
    .filter((id) => existsSync(path.join(keys, id, "witness-key.pem")))
    .sort()
    .map((townshipId) => ({ townshipId, vkey: ed25519Cosigner(townshipWitnessName(townshipId, host), townshipKey(dir, townshipId)).vkey }));
}

type Hosted = { townshipId: string; townshipName: string; cosigner: Cosigner; witness: Witness; logs: Map<string, NoteVerifier[]> };

export type TownshipWitnesses = LocalWitnessHost & {
  readonly dir: string;
  readonly store: WitnessStore;
  close(): Promise<void>;
};

/**
 * Opens the township witnesses' store and registers them for the village logs (server/index.ts at start, tests).
 * Witnesses are created per township on first use.
 */
export async function startTownshipWitnesses(options: { dataDir: string; env?: NodeJS.ProcessEnv; inMemory?: boolean }): Promise<TownshipWitnesses> {
  const env = options.env ?? process.env;
  const dir = townshipWitnessDir(options.dataDir, env);
  const store = await openWitnessStore({
    dataDir: options.inMemory ? null : path.join(dir, "db"),
    databaseUrl: env.YISHI_TOWNSHIP_WITNESS_DATABASE_URL || undefined,
  });
  const auditPublicKeys = new Set(auditKeys().keys.map((k) => k.publicKey.toString("hex")));
  const hosted = new Map<string, Promise<Hosted | null>>();

  const open = (townshipId: string): Promise<Hosted | null> => {
    let found = hosted.get(townshipId);
    if (!found) {
      found = (async () => {
        const township = await townshipNamed(townshipId);
        if (!township) return null;
        const cosigner = ed25519Cosigner(townshipWitnessName(townshipId), townshipKey(dir, townshipId));
        if (auditPublicKeys.has(cosigner.publicKey.toString("hex"))) {
          throw new TownshipWitnessError(`the township witness key of ${townshipId} is the audit signing key: give the witness a key of its own`);
        }
        const logs = new Map<string, NoteVerifier[]>();
        return { townshipId, townshipName: township.name, cosigner, witness: new Witness(cosigner, logs, store), logs };
      })();
      found.catch(() => hosted.delete(townshipId));
      hosted.set(townshipId, found);
    }
    return found;
  };

  const face = (h: Hosted, orgId?: string): LocalWitness => ({
    townshipId: h.townshipId,
    townshipName: h.townshipName,
    vkey: h.cosigner.vkey,
    name: h.cosigner.name,
    async addCheckpoint(body) {
      // The township accepts the logs of its own villages and cooperatives, under the deployment's audit keys
      // (every key ever seen for the origin is kept: a checkpoint signed during a key rotation still verifies).
      if (orgId) {
        const origin = await logOrigin(orgId);
        const known = h.logs.get(origin) ?? [];
        const fresh = auditSigner()
          .verifiers(origin)
          .filter((v) => !known.some((k) => k.keyId === v.keyId && k.name === v.name));
        if (fresh.length > 0) h.logs.set(origin, [...known, ...fresh]);
      }
      const answer = await h.witness.addCheckpoint(body);
      return { status: answer.status, text: answer.body };
    },
  });

  const host: TownshipWitnesses = {
    dir,
    store,
    async witnessFor(orgId) {
      const above = await townshipAbove(orgId);
      const h = above ? await open(above) : null;
      return h ? face(h, orgId) : null;
    },
    async witnessOfTownship(townshipId) {
      const h = await open(townshipId);
      return h ? face(h) : null;
    },
    async splitViews(origins) {
      return (await store.refusalsOf(origins)).map(
        (r): SplitViewEvidence => ({
          origin: r.origin,
          receivedAt: r.receivedAt,
          reason: r.reason,
          oldSize: r.oldSize,
          proof: r.proof,
          submitted: r.submitted,
          known: r.known,
        }),
      );
    },
    async close() {
      unregisterLocalWitnessHost();
      await store.close();
    },
  };
  // Every township that exists has its witness (and key) from the start; a township created later gets its own on first use.
  for (const townshipId of await townshipIds()) await open(townshipId);
  registerLocalWitnessHost(host);
  return host;
}
