import type { NextRequest } from "next/server";
import { updateCharter } from "@/server/commands/body/updateCharter";
import type { FormReader } from "../../../formReader";
import { adminPost } from "../../../post";

/** A share typed as two whole numbers (e.g. 3 / 4); both empty means the charter sets none. */
function fraction(f: FormReader, prefix: string) {
  const numerator = f.int(`${prefix}Numerator`);
  const denominator = f.int(`${prefix}Denominator`);
  return numerator === undefined && denominator === undefined ? undefined : { numerator, denominator };
}

export async function POST(request: NextRequest, { params }: { params: Promise<{ bodyId: string }> }) {
  const { bodyId } = await params;
  return adminPost(request, {
    command: updateCharter,
    params: { bodyId },
    fromForm: (f) => ({
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
}
