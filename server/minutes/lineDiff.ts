/**
 * A line diff between two versions of the minutes, so that a correction shows exactly what changed (a correction is
 * a new version with a reason, never an edit in place). The alignment is the `diff` package's (Myers) on whole lines.
 */
import { diffArrays } from "diff";

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** Beyond this many changed lines the texts are shown as removed-then-added rather than aligned line by line. */
const MAX_EDITS = 2_000;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDITS });
  if (!changes) return [...a.map((text): DiffLine => ({ kind: "removed", text })), ...b.map((text): DiffLine => ({ kind: "added", text }))];
  return changes.flatMap((change) => change.value.map((text): DiffLine => ({ kind: change.added ? "added" : change.removed ? "removed" : "same", text })));
}
