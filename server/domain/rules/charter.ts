/**
 * A body's charter (章程) as stored: the decision settings the rules engine reads (stricter quorum or pass, how
 * recusals count) and the body's own meeting settings. Pure; zod checks the stored shape.
 */
import { z } from "zod";
import { AppError } from "../../errors";
import { BODY_KINDS, type BodyKind, type Charter, MATTER_KINDS, type MatterKind } from "./types";

const fraction = z
  .strictObject({ numerator: z.number().int().min(1), denominator: z.number().int().min(1) })
  .refine((f) => f.numerator <= f.denominator, "a fraction of at most 1");

export const charterSchema = z.strictObject({
  quorum: fraction.optional(),
  pass: fraction.optional(),
  recusedLeaveBase: z.boolean().optional(),
  /** Days of notice before a meeting; it can only add to the law's (a charter makes rules stricter, never weaker). */
  noticeDays: z.number().int().min(1).max(90).optional(),
  membersEditMinutes: z.boolean().optional(),
  publishNamedVotes: z.boolean().optional(),
});

/** A body's charter as stored: decision settings and meeting settings. */
export type BodyCharter = z.infer<typeof charterSchema>;

/** The charter's decision settings only (a charter may only make the law's rules stricter; the engine sees to it). */
export function charterOf(source: { body: { charter: Charter } }): Charter {
  const { quorum, pass, recusedLeaveBase } = source.body.charter;
  return { ...(quorum ? { quorum } : {}), ...(pass ? { pass } : {}), ...(recusedLeaveBase !== undefined ? { recusedLeaveBase } : {}) };
}

/** A stored body kind; an unknown one is a fault of the data, not of the user. */
export function bodyKindOf(kind: string): BodyKind {
  if (!(BODY_KINDS as readonly string[]).includes(kind)) throw new AppError("internal", `unknown body kind ${kind}`);
  return kind as BodyKind;
}

/** A stored matter kind; anything unknown counts as a general matter. */
export function matterKindOf(kind: string): MatterKind {
  return (MATTER_KINDS as readonly string[]).includes(kind) ? (kind as MatterKind) : "general";
}
