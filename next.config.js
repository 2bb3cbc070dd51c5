import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./app/i18n/request.ts");

/** @type {import('next').NextConfig} */
const config = {
  // Set by scripts/buildIfNeeded.mjs (one folder per build) and server/index.ts (the newest complete build).
  distDir: process.env.YISHI_DIST_DIR ?? ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Native or file-reading packages stay outside the bundle; the server process owns the live instances.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "argon2",
    "ioredis",
    "rate-limiter-flexible",
    "socket.io",
    "pdfkit",
    // Photo checks of the implementation record (issue #23): a native image library and an EXIF reader that looks
    // for Node's fs and zlib itself.
    "sharp",
    "exifr",
  ],
  // `npm test` type-checks the whole tree with tsc (strict) as its first step; the build itself does not, so that
  // a test file in progress never blocks serving the app.
  typescript: { tsconfigPath: process.env.YISHI_NEXT_TSCONFIG ?? "./tsconfig.json", ignoreBuildErrors: true },
  // With a proxy (proxy.ts) Next buffers request bodies and cuts them at 10 MB by default; meeting materials may be
  // 20 MB (issue #5) and a proposal may carry three files of 10 MB (issue #22), so allow that plus the multipart
  // envelope. Each route's own limit is checked on content-length first (server/web/requestGate.ts).
  // Next loads every route's modules right after prepare unless told not to: seconds of both cores at each start and
  // tens of MB held for routes a node may never serve (issue #24). Each route loads on its first request instead.
  experimental: { proxyClientMaxBodySize: "31mb", preloadEntriesOnStart: false },
  // Messages reach the browser compiled (app/i18n/clientMessages.ts), so the browser formats them with use-intl's
  // format-only formatter and never loads the ICU parser; the server's formatter handles both forms
  // (app/i18n/formatMessage.ts). next-intl's own `experimental.messages.precompile` compiles messages imported as
  // modules (one file per locale) and turns `t.raw` off everywhere; ours are read at run time, per area.
  turbopack: {
    resolveAlias: {
      "use-intl/format-message": {
        browser: "./node_modules/use-intl/dist/esm/production/format-message/format-only.js",
        default: "./app/i18n/formatMessage.ts",
      },
      // engine.io-client imports its WebTransport transport unconditionally; the browser never uses it (see the stub).
      "./webtransport.js": {
        browser: "./app/meetings/[meetingId]/live/noWebTransport.ts",
      },
    },
  },
};

export default withNextIntl(config);
