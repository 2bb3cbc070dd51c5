/**
 * The server's message formatter (next.config.js aliases `use-intl/format-message` to this file outside the browser).
 *
 * The browser gets use-intl's format-only formatter instead, which formats messages compiled on the server
 * (clientMessages.ts) and so leaves the ICU parser (intl-messageformat, 12 kB gzip) out of every page's JavaScript.
 * Client components rendered on the server get those same compiled messages, so here a compiled message (an array)
 * goes to the format-only formatter, and a message as written (a string: server components, `t.raw`) to the full one.
 */
// Imported by file path: the package name is the alias that leads here. Neither file has its own type declarations.
// @ts-expect-error -- plain JavaScript without declarations
import formatCompiled from "../../node_modules/use-intl/dist/esm/production/format-message/format-only.js";
// @ts-expect-error -- plain JavaScript without declarations
import formatSource from "../../node_modules/use-intl/dist/esm/production/format-message/index.js";

type Format = ((key: string, message: unknown, values: unknown, options: unknown) => unknown) & { raw: boolean };

function formatMessage(key: string, message: unknown, values: unknown, options: unknown): unknown {
  return typeof message === "string" ? (formatSource as Format)(key, message, values, options) : (formatCompiled as Format)(key, message, values, options);
}

// `t.raw` reads the stored message, which on the server is the source string.
formatMessage.raw = true;

export default formatMessage;
