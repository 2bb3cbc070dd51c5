import { createPlan } from "@/server/commands/implementation/createPlan";
import { withQuery, writeRoute } from "@/server/web/writeRoute";

/** A number typed in a form (latitude, longitude), or undefined when blank; text that is no number stays text for the command's check. */
function formNumber(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

/** POST {matterId, responsibleId, cap?, startsOn, endsOn, siteLat?, siteLon?, milestones:[{title, dueOn}]}: S6 plan. */
export const POST = writeRoute({
  command: createPlan,
  form: (f) => {
    const titles = f.all("milestoneTitle");
    const dues = f.all("milestoneDue");
    // Blank rows of the form are no milestones; a half-filled row is, and the command says what is missing.
    const milestones = titles.map((title, i) => ({ title, dueOn: dues[i] ?? "" })).filter((m) => m.title !== "" || m.dueOn !== "");
    return {
      matterId: f.str("matterId"),
      responsibleId: f.str("responsibleId"),
      cap: f.str("cap"),
      startsOn: f.str("startsOn"),
      endsOn: f.str("endsOn"),
      siteLat: formNumber(f.str("siteLat")),
      siteLon: formNumber(f.str("siteLon")),
      milestones,
    };
  },
  fallback: "/",
  loggedOut: "back",
  done: (_plan, back) => withQuery(back, { done: "planned" }),
});
