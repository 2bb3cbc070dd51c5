import { raiseMatter } from "@/server/commands/matter/raiseMatter";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({
  command: raiseMatter,
  form: (f) => ({ orgId: f.str("orgId"), title: f.str("title"), description: f.str("description"), kind: f.str("kind"), source: f.str("source") }),
  done: (result) => `/matters/${result.id}`,
});
