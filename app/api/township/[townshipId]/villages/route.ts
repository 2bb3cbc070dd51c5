import { createVillage } from "@/server/commands/township/createVillage";
import { writeRoute } from "@/server/web/writeRoute";

/** A township admin creates a village under it, with the village's first admin. */
export const POST = writeRoute({
  command: createVillage,
  params: ["townshipId"],
  form: (f) => ({ name: f.str("name"), adminPhone: f.str("adminPhone"), adminName: f.str("adminName"), adminPassword: f.text("adminPassword") }),
});
