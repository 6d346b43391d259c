import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils'
import { methodName, receiverOf } from '../analysis/ast'
import { createAnalysisContext } from '../analysis/context'
import type { Kind } from '../analysis/kinds'
import { kindOf } from '../analysis/origins'
import { isTrusted } from '../analysis/trust'
import { isTrustedArray } from '../analysis/trust-members'
import { createRule, type TenantkitRuleDocs } from '../create-rule'

type MessageId = 'raw' | 'identifier' | 'literal' | 'callback'

const HELPERS: ReadonlyMap<Kind, { label: string; messageId: MessageId }> = new Map([
  ['kysely-sql.raw', { label: 'sql.raw', messageId: 'raw' }],
  ['kysely-sql.lit', { label: 'sql.lit', messageId: 'literal' }],
  ['kysely-sql.ref', { label: 'sql.ref', messageId: 'identifier' }],
  ['kysely-sql.id', { label: 'sql.id', messageId: 'identifier' }],
  ['kysely-sql.table', { label: 'sql.table', messageId: 'identifier' }],
  ['kysely-dynamic.ref', { label: 'db.dynamic.ref', messageId: 'identifier' }],
  ['kysely-dynamic.table', { label: 'db.dynamic.table', messageId: 'identifier' }],
])

const ITERATORS = new Set(['map', 'flatMap', 'forEach'])

/**
 * Kysely's escape hatches (`sql.raw`, `sql.lit`, `sql.ref`, `sql.id`,
 * `sql.table`, `db.dynamic.ref`, `db.dynamic.table`) given anything but
 * fixed text or a value checked against a run-time allowlist.
 */
export const noRawSqlInjection: TSESLint.RuleModule<MessageId, [], TenantkitRuleDocs> =
  createRule<[], MessageId>({
    name: 'no-raw-sql-injection',
    meta: {
      type: 'problem',
      docs: {
        description:
          'Disallow Kysely raw SQL and identifier helpers on values ' +
          'neither fixed in the code nor checked against an allowlist',
        recommended: true,
      },
      schema: [],
      messages: {
        raw:
          '{{helper}}() splices this value into the SQL text unescaped. ' +
          'Bind values with sql`... ${value}`, or pick the SQL text ' +
          'from a constant allowlist.',
        identifier:
          '{{helper}}() with a value not checked against an allowlist lets ' +
          'the caller name any table or column. Check it with ' +
          'ALLOWED.includes(x) (a const array) first, or map it through a ' +
          'constant object.',
        literal:
          '{{helper}}() inlines this value as a SQL literal. Bind it as a ' +
          'parameter with sql`${value}` instead.',
        callback:
          '{{helper}} is applied to the elements of an array that is not a ' +
          'constant allowlist. Filter it with ALLOWED.includes(x) first.',
      },
    },
    defaultOptions: [],
    create(context) {
      const ctx = createAnalysisContext(context.sourceCode)

      const checkCall = (node: TSESTree.CallExpression): void => {
        const helper = HELPERS.get(kindOf(ctx, node.callee) as Kind)
        if (helper !== undefined) {
          for (const arg of node.arguments) {
            if (isTrusted(ctx, arg)) continue
            context.report({
              node: arg,
              messageId: helper.messageId,
              data: { helper: helper.label },
            })
          }
          return
        }
        checkIteratedHelper(node)
      }

      // `columns.map(sql.ref)`: the helper runs on each element.
      const checkIteratedHelper = (node: TSESTree.CallExpression): void => {
        const [callback] = node.arguments
        const receiver = receiverOf(node)
        if (!ITERATORS.has(methodName(node) ?? '') || receiver === undefined) return
        if (callback === undefined || callback.type === AST_NODE_TYPES.SpreadElement) return
        const helper = HELPERS.get(kindOf(ctx, callback) as Kind)
        if (helper === undefined || isTrustedArray(ctx, receiver)) return
        context.report({ node: callback, messageId: 'callback', data: { helper: helper.label } })
      }

      return { CallExpression: checkCall }
    },
  })
