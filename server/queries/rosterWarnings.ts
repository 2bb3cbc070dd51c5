import { type BodyKind, checkComposition, type RuleWarning } from "../domain/rules";

export type RosterSeat = { seat: string; gender: "female" | "male" };

/**
 * The composition warnings of a roster (VCOL 25, RCEOL 28, 29), pure so the roster editor can show them while the
 * admin ticks names. An empty roster gets none from the engine (it needs at least one member).
 */
export function rosterWarnings(kind: BodyKind, roster: readonly RosterSeat[], households?: number): RuleWarning[] {
  if (roster.length === 0) return [];
  const representatives = roster.filter((m) => m.seat === "representative");
  // VCOL 25 counts women among the village representatives; RCEOL 28 among the member representatives (all seats).
  const women = kind === "villager-representatives" ? representatives : roster;
  return checkComposition({
    body: kind,
    members: roster.length,
    ...(kind === "villager-representatives" ? { representatives: representatives.length } : {}),
    women: women.filter((m) => m.gender === "female").length,
    ...(kind === "member-representatives" && households ? { households } : {}),
  });
}

/** The seat a new roster member gets by default in a body of this kind. */
export function defaultSeat(kind: BodyKind): "member" | "representative" {
  return kind === "villager-representatives" || kind === "member-representatives" ? "representative" : "member";
}
