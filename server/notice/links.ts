/** Addresses of the public notice pages, and the absolute form a printed QR code needs. */
import { getRuntime } from "../runtime";

export const boardPath = (orgId: string) => `/n/${encodeURIComponent(orgId)}`;
export const noticePath = (orgId: string, noticeId: string) => `${boardPath(orgId)}/${encodeURIComponent(noticeId)}`;
export const pdfPath = (orgId: string, noticeId: string) => `${noticePath(orgId, noticeId)}/pdf`;
export const verifyPath = (orgId: string, noticeId: string) => `${noticePath(orgId, noticeId)}/verify`;

/**
 * The site's public origin for printed links: YISHI_PUBLIC_ORIGIN when set (the name residents' phones reach from
 * anywhere), else the host this request came in on.
 */
export function siteOrigin(headers: { get(name: string): string | null }): string {
  const configured = getRuntime().config.publicOrigin;
  if (configured) return configured.replace(/\/$/, "");
  const proto = headers.get("x-forwarded-proto") ?? "http";
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "127.0.0.1:3000";
  return `${proto}://${host}`;
}

/** WeChat's built-in browser cannot open or save a PDF: those readers get the page and a hint instead. */
export function isWeChat(userAgent: string | null): boolean {
  return (userAgent ?? "").includes("MicroMessenger");
}

/** The public page of a decision's certificate (issue #23), and its file. */
export const certificatePath = (code: string) => `/c/${encodeURIComponent(code)}`;
export const certificateFilePath = (code: string) => `${certificatePath(code)}/file`;
