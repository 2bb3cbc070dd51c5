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
  typescript: { tsconfigPath: "./tsconfig.json" },
};

export default withNextIntl(config);
