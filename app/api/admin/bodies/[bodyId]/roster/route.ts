import { setRoster } from "@/server/commands/body/setRoster";
import { writeRoute } from "@/server/web/writeRoute";

/**
 * The roster form: a checkbox `member` per person (value = person id), a select `seat.<personId>`, and the seat a
 * newly ticked person gets when the page ran without JavaScript (`defaultSeat`).
 */
export const POST = writeRoute({
  command: setRoster,
  params: ["bodyId"],
  form: (f) => ({ members: f.all("member").map((personId) => ({ personId, seat: f.str(`seat.${personId}`) ?? f.str("defaultSeat") ?? "member" })) }),
});
