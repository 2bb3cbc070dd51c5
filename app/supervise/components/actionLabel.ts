/** Words for an audit action; an action added later without words shows its code rather than a raw key. */
export function actionLabel(t: { has(key: string): boolean; (key: string): string }, action: string): string {
  const key = action.replace(/\./g, "_");
  return t.has(key) ? t(key) : action;
}

/**
 * Words for the role an audit entry's actor acted in ("主持人", not "chair"). The code stays in the log's bytes; a
 * role added later without words shows its code rather than nothing.
 */
export function roleLabel(t: { has(key: string): boolean; (key: string): string }, role: string): string {
  return t.has(role) ? t(role) : role;
}
