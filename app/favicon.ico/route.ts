/**
 * Browsers and in-app browsers that ignore the page's icon link still ask for /favicon.ico on every page: send them to
 * the site icon (app/icon.svg) instead of a 404. The Location is relative, so the browser stays on the origin it asked
 * (an absolute URL built from the server's own idea of its host could name another origin, which the pages' CSP
 * img-src 'self' refuses).
 */
export function GET(): Response {
  return new Response(null, { status: 308, headers: { Location: "/icon.svg" } });
}
