import type { NextRequest } from "next/server";
import { setRoster } from "@/server/commands/body/setRoster";
import { adminPost } from "../../../post";

/**
 * The roster form: a checkbox `member` per person (value = person id), a select `seat.<personId>`, and the seat a
 * newly ticked person gets when the page ran without JavaScript (`defaultSeat`).
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ bodyId: string }> }) {
  const { bodyId } = await params;
  return adminPost(request, {
    command: setRoster,
    params: { bodyId },
    fromForm: (f) => ({ members: f.all("member").map((personId) => ({ personId, seat: f.str(`seat.${personId}`) ?? f.str("defaultSeat") ?? "member" })) }),
  });
}
