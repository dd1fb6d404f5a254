import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite takes seconds to start on 2 cores: one worker per core keeps the suite fast.
    maxWorkers: 2,
  },
});
