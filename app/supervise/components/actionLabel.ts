/** Words for an audit action; an action added later without words shows its code rather than a raw key. */
export function actionLabel(t: { has(key: string): boolean; (key: string): string }, action: string): string {
  const key = action.replace(/\./g, "_");
  return t.has(key) ? t(key) : action;
}
