export function sourceHash(): string;
export function buildIfNeeded(options?: { quiet?: boolean }): boolean;
export function currentDistDir(): string | null;
