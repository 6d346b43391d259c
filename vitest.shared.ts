import { defineConfig } from 'vitest/config'

/**
 * Settings every package's vitest config starts from. Integration tests talk
 * to a real PostgreSQL and broker, so they get more time than unit tests.
 */
export function packageTests(
  options: { globalSetup?: string[]; testTimeout?: number } = {},
): ReturnType<typeof defineConfig> {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 30_000,
      hookTimeout: 60_000,
      globalSetup: options.globalSetup ?? [],
      // A leaked rejection is a bug in a library, never noise to ignore.
      dangerouslyIgnoreUnhandledErrors: false,
    },
  })
}
