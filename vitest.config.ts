import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "app/**/*.test.ts", "messages/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    globalSetup: ["server/testing/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration tests start real servers (each its own data dir); two cores, so keep the pool small.
    maxWorkers: 2,
    fileParallelism: true,
  },
  resolve: { alias: { "@": new URL("./", import.meta.url).pathname } },
});
