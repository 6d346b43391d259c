import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils'
import { type AnalysisContext, createAnalysisContext } from '../analysis/context'
import { sessionSets, setConfigCalls, startsLikeStatement, unquote } from '../analysis/sql-text'
import { staticText } from '../analysis/static-text'
import { createRule, type TenantkitRuleDocs } from '../create-rule'
import { sqlTextOf } from '../analysis/sql-text-of'
import { builderSetConfig } from '../analysis/set-config-builder'

type MessageId = 'sessionSet' | 'sessionSetConfig' | 'missingIsLocal'

/** Options of `no-session-tenant-setting`. */
export interface NoSessionTenantSettingOptions {
  /**
   * Prefixes of the settings that carry tenant context. A setting whose
   * name is not fixed in the code counts too.
   * @default ['app.']
   * @example { settingPrefixes: ['app.', 'myapp.'] }
   */
  readonly settingPrefixes?: readonly string[]
}

/**
 * Tenant context set for the whole session (`SET app.tenant_id = ...`,
 * `set_config('app.tenant_id', ..., false)`) instead of for the current
 * transaction, so it outlives the request on a pooled connection.
 */
export const noSessionTenantSetting: TSESLint.RuleModule<
  MessageId,
  [NoSessionTenantSettingOptions],
  TenantkitRuleDocs
> = createRule<[NoSessionTenantSettingOptions], MessageId>({
  name: 'no-session-tenant-setting',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow setting tenant context for the whole session instead of the current transaction',
      recommended: true,
    },
    schema: [{
      type: 'object',
      properties: {
        settingPrefixes: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
      additionalProperties: false,
    }],
    messages: {
      sessionSet:
        'SET {{name}} without LOCAL keeps the setting for the whole ' +
        'session: a pooled connection carries this tenant into the next ' +
        'request. Use set_config({{quoted}}, $1, true) (or SET LOCAL) ' +
        'inside a transaction.',
      sessionSetConfig:
        'set_config({{name}}, ..., false) keeps the setting for the whole ' +
        'session: a pooled connection carries this tenant into the next ' +
        'request. Pass true as the third argument, inside a transaction.',
      missingIsLocal:
        'set_config({{name}}, ...) needs its third argument (is_local) ' +
        'set to true, so the setting ends with the transaction.',
    },
  },
  defaultOptions: [{ settingPrefixes: ['app.'] }],
  create(context, [options]) {
    const ctx = createAnalysisContext(context.sourceCode)
    const prefixes = options.settingPrefixes ?? ['app.']
    const isTenantSetting = (name: string | undefined): boolean =>
      name === undefined || prefixes.some((prefix) => name.startsWith(prefix))

    const checkText = (node: TSESTree.Node): void => {
      const sql = sqlTextOf(ctx, node)
      if (sql === undefined) return
      if (!sql.bound && !startsLikeStatement(sql.text)) return
      for (const name of sessionSets(sql.text)) {
        if (!prefixes.some((prefix) => name.startsWith(prefix))) continue
        context.report({ node, messageId: 'sessionSet', data: { name, quoted: `'${name}'` } })
      }
      for (const args of setConfigCalls(sql.text)) {
        const [nameArg, , isLocal] = args
        // Only a quoted name or a bound value can name a setting.
        if (nameArg === undefined || !/^(?:'|\$\d)/.test(nameArg)) continue
        const name = settingName(ctx, sql, nameArg)
        if (!isTenantSetting(name)) continue
        const label = name === undefined ? nameArg : `'${name}'`
        if (isLocal === undefined) {
          context.report({ node, messageId: 'missingIsLocal', data: { name: label } })
        } else if (isFalse(ctx, sql, isLocal)) {
          context.report({ node, messageId: 'sessionSetConfig', data: { name: label } })
        }
      }
    }

    return {
      Literal: checkText,
      TemplateLiteral: checkText,
      CallExpression(node) {
        const found = builderSetConfig(ctx, node)
        if (found === undefined || !isTenantSetting(found.name)) return
        const name = found.name === undefined ? '...' : `'${found.name}'`
        context.report({ node, messageId: found.problem, data: { name } })
      },
    }
  },
})

type SqlText = NonNullable<ReturnType<typeof sqlTextOf>>

/** The setting name a `set_config` argument names, if fixed in the code. */
function settingName(ctx: AnalysisContext, sql: SqlText, arg: string): string | undefined {
  const value = resolveArgument(ctx, sql, arg)
  return typeof value === 'string' ? value : undefined
}

function isFalse(ctx: AnalysisContext, sql: SqlText, arg: string): boolean {
  const value = resolveArgument(ctx, sql, arg)
  return value === false || value === 'false' || value === 'f' || value === 'off'
}

/** A SQL argument's value: a quoted literal, `false`, or a bound value fixed in the code. */
function resolveArgument(ctx: AnalysisContext, sql: SqlText, arg: string): unknown {
  const text = arg.trim()
  if (/^false$/i.test(text)) return false
  const quoted = unquote(text)
  if (quoted !== undefined) return quoted
  const placeholder = /^\$(\d+)(?:::\w+)?$/.exec(text)
  if (placeholder?.[1] === undefined) return undefined
  const node = sql.valueAt(Number(placeholder[1]))
  if (node === undefined) return undefined
  if (node.type === AST_NODE_TYPES.Literal && node.value === false) return false
  return staticText(ctx, node)
}
