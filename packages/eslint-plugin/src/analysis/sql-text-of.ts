import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { parentOf, unwrap } from './ast'
import type { AnalysisContext } from './context'
import { bindingTag, paramAt, type Sink, sinkOf } from './sinks'
import { staticText } from './static-text'

type Node = TSESTree.Node

/** SQL text read from one string or template literal. */
export interface SqlText {
  /** The text; values spliced in appear as `$n` (bound) or `?` (unknown). */
  readonly text: string
  /** Whether the text certainly goes to the database as SQL. */
  readonly bound: boolean
  /** The value behind placeholder `$n`, when the code shows it. */
  valueAt(n: number): Node | undefined
  /** The sink the literal is handed to directly, if any. */
  readonly sink?: Sink
}

/**
 * The SQL text of a string literal or template literal: a driver's text
 * argument (with its bound values), a Kysely or postgres.js `sql` template
 * (whose `${}` are bound values), or any other string.
 */
export function sqlTextOf(ctx: AnalysisContext, node: Node): SqlText | undefined {
  if (node.type === AST_NODE_TYPES.Literal) {
    if (typeof node.value !== 'string') return undefined
    const sink = sinkTakingText(ctx, node)
    return {
      text: node.value,
      bound: sink !== undefined,
      valueAt: (n) => paramAt(ctx, sink?.params, n),
      ...(sink ? { sink } : {}),
    }
  }
  if (node.type !== AST_NODE_TYPES.TemplateLiteral) return undefined
  if (bindingTag(ctx, node) !== undefined) {
    return {
      text: joinQuasis(node, (index) => `$${index + 1}`),
      bound: true,
      valueAt: (n) => {
        const expression = node.expressions[n - 1]
        return expression === undefined ? undefined : unwrap(expression)
      },
    }
  }
  if (node.parent?.type === AST_NODE_TYPES.TaggedTemplateExpression) return undefined
  const sink = sinkTakingText(ctx, node)
  return {
    text: joinQuasis(node, (index) => {
      const expression = node.expressions[index]
      return (expression && staticText(ctx, expression)) ?? '?'
    }),
    bound: sink !== undefined,
    valueAt: (n) => paramAt(ctx, sink?.params, n),
    ...(sink ? { sink } : {}),
  }
}

function joinQuasis(
  node: TSESTree.TemplateLiteral,
  hole: (index: number) => string,
): string {
  return node.quasis
    .map((quasi, index) =>
      (quasi.value.cooked ?? quasi.value.raw) +
      (index < node.expressions.length ? hole(index) : ''))
    .join('')
}

/** The sink whose SQL text is exactly this literal, if any. */
function sinkTakingText(ctx: AnalysisContext, node: Node): Sink | undefined {
  let holder = parentOf(node)
  if (holder?.type === AST_NODE_TYPES.Property) holder = parentOf(holder)
  if (holder?.type === AST_NODE_TYPES.ObjectExpression) holder = parentOf(holder)
  if (
    holder?.type !== AST_NODE_TYPES.CallExpression &&
    holder?.type !== AST_NODE_TYPES.NewExpression
  ) {
    return undefined
  }
  const sink = sinkOf(ctx, holder)
  return sink !== undefined && unwrap(sink.text) === node ? sink : undefined
}
