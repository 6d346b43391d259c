import type { ESLint, Linter } from 'eslint'

const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } } = {
  meta: { name: '@tenantkit/eslint-plugin', version: '0.1.0' },
  rules: {},
  configs: { recommended: {} },
}
plugin.configs.recommended = { plugins: { tenantkit: plugin }, rules: {} }

export default plugin
