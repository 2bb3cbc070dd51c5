import { chinaDateInput, chinaDateTimeInput } from "@/server/time";

/** A page's search parameters, as Next 16 hands them over. */
export type Query = Record<string, string | string[] | undefined>;

export function one(query: Query, key: string): string | undefined {
  const value = query[key];
  return Array.isArray(value) ? value[0] : value;
}

/** Asia/Shanghai wall-clock time for a datetime-local input: UTC+8 all year. */
export function toLocalInput(date: Date): string {
  return chinaDateTimeInput(date);
}

/** Asia/Shanghai calendar date for a date input. */
export function toDateInput(date: Date | null): string {
  return date ? chinaDateInput(date) : "";
}

/** 1.5 MB, 320 KB: a file's size as people read it. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
