/**
 * Browsers and in-app browsers that ignore the page's icon link still ask for /favicon.ico on every page: send them to
 * the site icon (app/icon.svg) instead of a 404.
 */
export function GET(request: Request): Response {
  return Response.redirect(new URL("/icon.svg", request.url), 308);
}
