import type { NextRequest } from "next/server";
import { createPlan } from "@/server/commands/implementation/createPlan";
import { formNumber, implementationPost } from "../post";

/** POST {matterId, responsibleId, cap?, startsOn, endsOn, siteLat?, siteLon?, milestones:[{title, dueOn}]}: S6 plan. */
export function POST(request: NextRequest) {
  return implementationPost(request, {
    command: (input, actor) => createPlan(input, actor),
    fromForm: (f) => {
      const titles = f.all("milestoneTitle");
      const dues = f.all("milestoneDue");
      // Blank rows of the form are no milestones; a half-filled row is, and the command says what is missing.
      const milestones = titles.map((title, i) => ({ title, dueOn: dues[i] ?? "" })).filter((m) => m.title !== "" || m.dueOn !== "");
      return { matterId: f.str("matterId"), responsibleId: f.str("responsibleId"), cap: f.str("cap"), startsOn: f.str("startsOn"), endsOn: f.str("endsOn"), siteLat: formNumber(f.str("siteLat")), siteLon: formNumber(f.str("siteLon")), milestones };
    },
    done: "planned",
  });
}
