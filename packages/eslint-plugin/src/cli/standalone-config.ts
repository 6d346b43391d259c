import parser from '@typescript-eslint/parser'
import type { Linter } from 'eslint'
import plugin from '../index'

/**
 * The config the command line lints with: typescript-eslint's parser for
 * every JavaScript and TypeScript file, and the recommended rules only.
 */
export function standaloneConfig(): Linter.Config[] {
  return [
    {
      ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/.*/**'],
    },
    {
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      languageOptions: { parser, sourceType: 'module' },
      // Other plugins' disable comments must not fail the run.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    plugin.configs.recommended as Linter.Config,
  ]
}
