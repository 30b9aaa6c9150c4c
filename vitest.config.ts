import { defineConfig } from 'vitest/config';

/** Unit and service tests: shared/ and main/ (and the renderer's DOM-free modules), on Node. */
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
