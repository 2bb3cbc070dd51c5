/** Where the server bundle for the given (default: current) source hash is or would be. */
export function serverBundlePath(hash?: string): string;
/** The server bundle for the current sources, compiled now when missing; null when esbuild is not available. */
export function ensureServerBundle(options?: { quiet?: boolean }): Promise<string | null>;
