import { setOfficers } from "@/server/commands/body/setOfficers";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({
  command: setOfficers,
  params: ["bodyId"],
  form: (f) => ({ chairId: f.str("chairId") ?? null, recorderId: f.str("recorderId") ?? null }),
});
