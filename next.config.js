import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./app/i18n/request.ts");

/** @type {import('next').NextConfig} */
const config = {
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
  typescript: { tsconfigPath: "./tsconfig.json", ignoreBuildErrors: true },
};

export default withNextIntl(config);
