import { defineConfig } from "vitest/config";

// Forks, not threads: onnxruntime-node and sharp are native addons, and Jest-style vm realms
// break onnxruntime-node's typed-array checks.
export default defineConfig({
  test: {
    pool: "forks",
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "benchmarks/**/*.test.ts", "tools/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
