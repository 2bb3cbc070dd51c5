import { createOrganization } from "@/server/commands/org/createOrganization";
import { writeRoute } from "@/server/web/writeRoute";

/** An admin of a village creates a cooperative under it (and becomes its admin). */
export const POST = writeRoute({
  command: createOrganization,
  form: (f) => ({ name: f.str("name"), level: "cooperative", parentId: f.str("parentId"), noticeDays: f.int("noticeDays") }),
  done: (result) => `/admin/orgs/${result.id}`,
});
