import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Pothos and yoga load graphql's CommonJS build; make the tests' own imports use the same copy.
  resolve: { alias: [{ find: /^graphql$/, replacement: new URL('./node_modules/graphql/index.js', import.meta.url).pathname }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/**/*.test.ts', 'plugins/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          globalSetup: ['test/setup/global-db.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
