import type { TSESLint } from '@typescript-eslint/utils'
import type { Linter, Rule } from 'eslint'
import packageJson from '../package.json'
import type { TenantkitRuleDocs } from './create-rule'
import { noRawSqlInjection } from './rules/no-raw-sql-injection'
import { noSessionTenantSetting } from './rules/no-session-tenant-setting'
import { noSqlStringBuilding } from './rules/no-sql-string-building'
import { noUnescapedLikePattern } from './rules/no-unescaped-like-pattern'

export type { TenantkitRuleDocs } from './create-rule'
export type { NoSessionTenantSettingOptions } from './rules/no-session-tenant-setting'
export type { NoUnescapedLikePatternOptions } from './rules/no-unescaped-like-pattern'

/** Names of the rules, as used after the `tenantkit/` prefix. */
export type RuleName =
  | 'no-raw-sql-injection'
  | 'no-sql-string-building'
  | 'no-session-tenant-setting'
  | 'no-unescaped-like-pattern'

// The rules are typescript-eslint rule modules; the plugin exposes them in
// ESLint's own types so that the plugin fits eslint's defineConfig as-is.
type AnyRule = Rule.RuleModule
function asEslintRule<M extends string, O extends readonly unknown[]>(
  rule: TSESLint.RuleModule<M, O, TenantkitRuleDocs>,
): AnyRule {
  return rule as unknown as AnyRule
}

/** The plugin object: its rules and a `recommended` flat config. */
export interface TenantkitPlugin {
  readonly meta: { readonly name: string; readonly version: string }
  readonly rules: Readonly<Record<RuleName, AnyRule>>
  readonly configs: {
    /**
     * Every rule as an error, under the `tenantkit/` prefix. Add it after
     * typescript-eslint's configs, which bring the parser.
     * @example
     * export default tseslint.config(
     *   ...tseslint.configs.recommended,
     *   tenantkit.configs.recommended,
     * )
     */
    readonly recommended: Linter.Config
  }
}

const ruleMap: Record<RuleName, AnyRule> = {
  'no-raw-sql-injection': asEslintRule(noRawSqlInjection),
  'no-sql-string-building': asEslintRule(noSqlStringBuilding),
  'no-session-tenant-setting': asEslintRule(noSessionTenantSetting),
  'no-unescaped-like-pattern': asEslintRule(noUnescapedLikePattern),
}

const recommended: Linter.Config = {
  name: '@tenantkit/eslint-plugin/recommended',
  rules: Object.fromEntries(
    Object.keys(ruleMap).map((name) => [`tenantkit/${name}`, 'error' as const]),
  ),
}

/**
 * ESLint rules that find SQL built from strings in Kysely and
 * node-postgres code.
 *
 * @example
 * // eslint.config.js
 * import tenantkit from '@tenantkit/eslint-plugin'
 * import tseslint from 'typescript-eslint'
 * export default tseslint.config(
 *   ...tseslint.configs.recommended,
 *   tenantkit.configs.recommended,
 * )
 */
const plugin: TenantkitPlugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules: ruleMap,
  configs: { recommended },
}
// The config refers to the plugin that holds it, so it is linked afterwards.
recommended.plugins = { tenantkit: plugin }

export default plugin

// The plugin's parts as named exports too, so that `require()` of the
// CommonJS build returns an object that is itself a usable plugin.
/** The plugin's name and version. */
export const meta: TenantkitPlugin['meta'] = plugin.meta
/** The rules, by name without the `tenantkit/` prefix. */
export const rules: TenantkitPlugin['rules'] = plugin.rules
/** The shareable flat configs (`recommended`). */
export const configs: TenantkitPlugin['configs'] = plugin.configs
