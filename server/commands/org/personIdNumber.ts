import { ensureIdNumberKey } from "../../config";
import { hashIdNumber, isValidIdNumber, maskIdNumber, normalizeIdNumber } from "../../domain/idNumber";
import { AppError } from "../../errors";
import { getRuntime } from "../../runtime";
import type { Tx } from "../run";

/**
 * A 身份证号 typed into the person form, kept as the roster import keeps it: masked and keyed-hashed, never in full.
 * Refused when it is not a valid number, or when another person of the organization already has it.
 */
export async function idNumberFields(tx: Tx, orgId: string, typed: string, exceptPersonId?: string): Promise<{ idNumberMasked: string; idNumberHash: string }> {
  const id = normalizeIdNumber(typed);
  if (!isValidIdNumber(id)) {
    throw new AppError("invalid_input", "身份证号应为18位，最后一位是校验码（数字或X），请核对 (not a valid ID number)", { field: "idNumber" });
  }
  const idNumberHash = hashIdNumber(id, ensureIdNumberKey(getRuntime().config.dataDir));
  const other = await tx.person.findFirst({
    where: { orgId, idNumberHash, deletedAt: null, ...(exceptPersonId ? { id: { not: exceptPersonId } } : {}) },
    select: { name: true },
  });
  if (other)
    throw new AppError("conflict", `这个身份证号已登记在${other.name}名下 (already on the register)`, { field: "idNumber", details: { name: other.name } });
  return { idNumberMasked: maskIdNumber(id), idNumberHash };
}
