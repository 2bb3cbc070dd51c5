import { createAccount } from "@/server/commands/org/createAccount";
import { writeRoute } from "@/server/web/writeRoute";

export const POST = writeRoute({
  command: createAccount,
  params: ["orgId"],
  form: (f) => ({
    personId: f.str("personId"),
    phone: f.str("phone"),
    displayName: f.str("displayName"),
    password: f.raw("password") ?? "",
    roles: f.all("roles"),
  }),
});
