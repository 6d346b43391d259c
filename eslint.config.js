// @ts-check
import js from '@eslint/js'
import tenantkit from '@tenantkit/eslint-plugin'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**',
      // Deliberately vulnerable snippets the SQL rules must flag.
      'packages/eslint-plugin/test/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // tenantkit lints itself with its own SQL-injection rules.
  tenantkit.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Command-line entry points, benchmarks and examples talk to a terminal.
    files: ['**/src/cli/**', '**/src/cli.ts', '**/bench/**', 'examples/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
)
