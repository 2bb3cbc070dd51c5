import { createBody } from "@/server/commands/body/createBody";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({
  command: createBody,
  params: ["orgId"],
  form: (f) => ({ kind: f.str("kind"), name: f.str("name") }),
  done: (result) => `/admin/bodies/${result.id}`,
});
