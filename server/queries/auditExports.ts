/**
 * The supervisor's downloads of the audit log (DESIGN.md §6): the export bundle, a proof of one entry, and whether
 * the stored log verifies. Each read is authorized here, for the organization's supervisors, before the log is read.
 */
import { proofForEntry } from "../audit/proofs";
import { type LogStatus, verifyStoredLog } from "../audit/verifyStored";
import { bundleZip } from "../audit/zipBundle";
import { AppError } from "../errors";
import type { Viewer } from "./access";
import { requireSupervisor } from "./auditAccess";
import { checkpointView } from "./auditConsole";
import { witnessView } from "./witnessView";

export type { LogStatus };

export async function supervisorBundle(account: Viewer | null, orgId: string) {
  await requireSupervisor(account, orgId);
  return bundleZip(orgId);
}

export async function supervisorProof(account: Viewer | null, orgId: string, seq: number) {
  await requireSupervisor(account, orgId);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new AppError("invalid_input", "seq must be an entry number", { field: "seq" });
  return proofForEntry(orgId, seq);
}

export async function supervisorLogStatus(account: Viewer | null, orgId: string) {
  await requireSupervisor(account, orgId);
  const checkpoint = await checkpointView(orgId);
  return {
    status: await verifyStoredLog(orgId),
    checkpoint: checkpoint ? { size: checkpoint.size, root: checkpoint.rootHex, note: checkpoint.note } : null,
    // Which witnesses cosigned, which cannot be reached and which refused (issue #21), for the township's tools.
    witnessing: await witnessView(orgId),
  };
}
