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
    "socket.io",
    "pdfkit",
  ],
  // `npm test` type-checks the whole tree with tsc (strict) as its first step; the build itself does not, so that
  // a test file in progress never blocks serving the app.
  typescript: { tsconfigPath: process.env.YISHI_NEXT_TSCONFIG ?? "./tsconfig.json", ignoreBuildErrors: true },
  // With a proxy (proxy.ts) Next buffers request bodies and cuts them at 10 MB by default; meeting materials may be
  // 20 MB (issue #5), so allow that plus the multipart envelope. Larger uploads are refused by content-length first.
  experimental: { proxyClientMaxBodySize: "21mb" },
};

export default withNextIntl(config);
