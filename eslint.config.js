// @ts-check
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs'
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
  comments.recommended,
  {
    // A suppression must say why, and one that no longer suppresses anything fails.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
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
