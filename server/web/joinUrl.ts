import QRCode from "qrcode";

/**
 * The short join URL of a meeting as phones in the hall must type or scan it (≤ 40 characters), from the host the
 * request came in on (the laptop's LAN address) unless YISHI_PUBLIC_ORIGIN names the public one.
 */
export function joinUrl(shortCode: string, headers: { get(name: string): string | null }): string {
  return publicUrl(`/j/${shortCode}`, headers);
}

/** An absolute address of `path` (starting with /) on this server, as joinUrl builds it. */
export function publicUrl(path: string, headers: { get(name: string): string | null }): string {
  const configured = process.env.YISHI_PUBLIC_ORIGIN;
  if (configured) return `${configured.replace(/\/$/, "")}${path}`;
  const proto = headers.get("x-forwarded-proto") ?? "http";
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "127.0.0.1:3000";
  return `${proto}://${host}${path}`;
}

/** High-contrast QR code as inline SVG, black on white, with a quiet zone. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}
