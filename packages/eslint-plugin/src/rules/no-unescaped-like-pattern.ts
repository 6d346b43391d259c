import type { TSESLint, TSESTree } from '@typescript-eslint/utils'
import { methodName } from '../analysis/ast'
import { createAnalysisContext } from '../analysis/context'
import { unescapedInPattern, unescapedSpliced } from '../analysis/like-patterns'
import { kindOf } from '../analysis/origins'
import { bindingTag, paramAt, sinkOf } from '../analysis/sinks'
import { likePlaceholders, likeUse, type LikeUse } from '../analysis/sql-text'
import { staticText } from '../analysis/static-text'
import { createRule, type TenantkitRuleDocs } from '../create-rule'

type MessageId = 'unescaped'

/** Options of `no-unescaped-like-pattern`. */
export interface NoUnescapedLikePatternOptions {
  /**
   * Names of functions that escape `%`, `_` and the escape character.
   * @default ['escapeLike', 'escapeLikePattern', 'escapeLikeWildcards']
   * @example { escapeFunctions: ['escapeLike', 'likeSafe'] }
   */
  readonly escapeFunctions?: readonly string[]
}

const DEFAULT_ESCAPES = ['escapeLike', 'escapeLikePattern', 'escapeLikeWildcards']
const WHERE_METHODS = new Set(['where', 'having', 'on', 'orWhere', 'andWhere', 'orOn'])
const LIKE_OPERATOR = /^(?:not\s+)?i?like$/i

/**
 * LIKE / ILIKE patterns that splice in a run-time value without escaping
 * its wildcards, so `%` or `_` in user input matches far more than meant.
 */
export const noUnescapedLikePattern: TSESLint.RuleModule<
  MessageId,
  [NoUnescapedLikePatternOptions],
  TenantkitRuleDocs
> = createRule<[NoUnescapedLikePatternOptions], MessageId>({
  name: 'no-unescaped-like-pattern',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow LIKE/ILIKE patterns that splice in values without escaping % and _',
      recommended: true,
    },
    schema: [{
      type: 'object',
      properties: {
        escapeFunctions: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
      additionalProperties: false,
    }],
    messages: {
      unescaped:
        '{{value}} goes into a LIKE pattern without escaping: a % or _ in ' +
        'it matches any text. Escape \\, % and _ first (e.g. with ' +
        '{{helper}}(value)).',
    },
  },
  defaultOptions: [{ escapeFunctions: DEFAULT_ESCAPES }],
  create(context, [options]) {
    const ctx = createAnalysisContext(context.sourceCode)
    const helpers = new Set(options.escapeFunctions ?? DEFAULT_ESCAPES)
    const helper = [...helpers][0] ?? 'escapeLike'

    const report = (value: TSESTree.Node | undefined): void => {
      if (value === undefined) return
      const text = context.sourceCode.getText(value).replace(/\s+/g, ' ')
      const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text
      context.report({
        node: value,
        messageId: 'unescaped',
        data: { value: `\`${shown}\``, helper },
      })
    }
    const checkValue = (value: TSESTree.Node | undefined, use: LikeUse): void => {
      if (value === undefined) return
      report(use === 'pattern'
        ? unescapedInPattern(ctx, value, helpers)
        : unescapedSpliced(ctx, value, helpers))
    }

    return {
      // Kysely: .where(col, 'ilike', `%${q}%`), eb(col, 'like', ...), join.on(...).
      CallExpression(node) {
        const [, operator, value] = node.arguments
        const kind = kindOf(ctx, node.callee)
        const isComparison = kind === 'kysely-db' ||
          (kind === 'kysely-db-method' && WHERE_METHODS.has(methodName(node) ?? ''))
        if (isComparison && operator !== undefined && value !== undefined &&
          LIKE_OPERATOR.test(staticText(ctx, operator) ?? '')) {
          checkValue(value, 'pattern')
        }
        checkSink(node)
      },
      NewExpression: (node) => checkSink(node),
      // Kysely / postgres.js: sql`... ilike ${pattern}`, sql`... like '%' || ${q}`.
      TemplateLiteral(node) {
        if (bindingTag(ctx, node) === undefined) return
        node.expressions.forEach((expression, index) => {
          const before = node.quasis[index]?.value.cooked ?? ''
          const after = node.quasis[index + 1]?.value.cooked ?? ''
          const use = likeUse(before, after)
          if (use !== undefined) checkValue(expression, use)
        })
      },
    }

    // node-postgres and friends: query('... ilike $1', [`%${q}%`]).
    function checkSink(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const sink = sinkOf(ctx, node)
      if (sink?.params === undefined) return
      const text = staticText(ctx, sink.text)
      if (text === undefined) return
      for (const [n, use] of likePlaceholders(text)) {
        checkValue(paramAt(ctx, sink.params, n), use)
      }
    }
  },
})
