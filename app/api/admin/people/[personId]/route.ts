import { updatePerson } from "@/server/commands/org/updatePerson";
import { writeRoute } from "@/server/web/writeRoute";
import { personFromForm } from "../../personForm";

export const POST = writeRoute({ command: updatePerson, params: ["personId"], form: (f) => personFromForm(f, true) });
