import { ESLintUtils } from '@typescript-eslint/utils'

/** Extra `meta.docs` fields every tenantkit rule fills in. */
export interface TenantkitRuleDocs {
  /** Whether `configs.recommended` turns the rule on. */
  readonly recommended: boolean
}

/**
 * Builds a rule whose documentation link points at its page in the
 * published package.
 */
export const createRule: ReturnType<
  typeof ESLintUtils.RuleCreator<TenantkitRuleDocs>
> = ESLintUtils.RuleCreator<TenantkitRuleDocs>(
  (name) =>
    `https://unpkg.com/@tenantkit/eslint-plugin/docs/rules/${name}.md`,
)
