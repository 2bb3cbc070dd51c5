/**
 * What the QR code on printed minutes holds: the latest signed audit checkpoint (a C2SP signed note that anyone can
 * check against the exported log), or, before the first checkpoint, the minutes' hash and address.
 */
export function minutesQrContent(input: { checkpointNote: string | null; sha256: string; url: string }): string {
  return input.checkpointNote ?? `sha256:${input.sha256}\n${input.url}`;
}

/** The public address of a page: YISHI_PUBLIC_ORIGIN when set, else the host the request came to. */
export function publicOrigin(configured: string | undefined, headers: { get(name: string): string | null }): string {
  if (configured) return configured.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost";
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

/** WeChat's in-app browser cannot download files: it gets the HTML record with a hint instead. */
export function isWeChat(userAgent: string | null): boolean {
  return (userAgent ?? "").includes("MicroMessenger");
}
