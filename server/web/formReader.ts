/** Reads a plain HTML form the way our commands want it: empty → absent, checkbox → boolean, numbers → integers. */
export class FormReader {
  constructor(private readonly data: FormData) {}

  /** Trimmed text, or undefined when the field is missing or empty. */
  str(name: string): string | undefined {
    const value = this.data.get(name);
    if (typeof value !== "string") return undefined;
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }

  /** Text as typed (not trimmed: a notice's body keeps its indentation), or undefined when missing or blank. */
  text(name: string): string | undefined {
    const value = this.data.get(name);
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  }

  /** Text, or null when the field is present but empty (a select's "none"), undefined when missing. */
  nullable(name: string): string | null | undefined {
    if (!this.data.has(name)) return undefined;
    return this.str(name) ?? null;
  }

  /** A checkbox: present and not "0"/"false" means ticked. */
  bool(name: string): boolean {
    const value = this.data.get(name);
    return typeof value === "string" && value !== "" && value !== "0" && value !== "false";
  }

  /** A whole number, or undefined when empty; text that is not a number passes through for the schema to refuse. */
  int(name: string): number | string | undefined {
    const value = this.str(name);
    if (value === undefined) return undefined;
    return /^-?\d+$/.test(value) ? Number(value) : value;
  }

  all(name: string): string[] {
    return this.data.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
  }

  file(name: string): File | undefined {
    const value = this.data.get(name);
    return typeof value === "object" && value !== null ? (value as File) : undefined;
  }

  /** Every non-empty file of a multiple file input. */
  files(name: string): File[] {
    return this.data.getAll(name).filter((v): v is File => typeof v === "object" && v !== null && (v as File).size > 0);
  }

  /** Raw value, untrimmed (passwords). */
  raw(name: string): string | undefined {
    const value = this.data.get(name);
    return typeof value === "string" ? value : undefined;
  }
}
