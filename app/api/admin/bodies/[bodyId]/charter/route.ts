import { updateCharter } from "@/server/commands/body/updateCharter";
import type { FormReader } from "@/server/web/formReader";
import { writeRoute } from "@/server/web/writeRoute";

/** A share typed as two whole numbers (e.g. 3 / 4); both empty means the charter sets none. */
function fraction(f: FormReader, prefix: string) {
  const numerator = f.int(`${prefix}Numerator`);
  const denominator = f.int(`${prefix}Denominator`);
  return numerator === undefined && denominator === undefined ? undefined : { numerator, denominator };
}

export const POST = writeRoute({
  command: updateCharter,
  params: ["bodyId"],
  form: (f) => ({
    name: f.str("name"),
    charter: {
      quorum: fraction(f, "quorum"),
      pass: fraction(f, "pass"),
      recusedLeaveBase: f.bool("recusedLeaveBase"),
      noticeDays: f.int("noticeDays"),
      membersEditMinutes: f.bool("membersEditMinutes"),
      publishNamedVotes: f.bool("publishNamedVotes"),
    },
  }),
});
