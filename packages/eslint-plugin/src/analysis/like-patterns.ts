import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { methodName, propertyName, receiverOf, unwrap } from './ast'
import type { AnalysisContext } from './context'
import { stringParts } from './string-parts'
import { isTrusted } from './trust'
import { constantValue } from './trust-members'

type Node = TSESTree.Node

/**
 * Whether a value went through an escaping function: one of the
 * configured helper names, or a `.replace(/[\\%_]/g, ...)` chain whose
 * regular expressions cover `%`, `_` and the backslash.
 */
export function isEscaped(
  ctx: AnalysisContext,
  node: Node,
  helpers: ReadonlySet<string>,
): boolean {
  const value = constantValue(ctx, node)
  if (value.type !== AST_NODE_TYPES.CallExpression) return false
  const callee = unwrap(value.callee)
  const name = callee.type === AST_NODE_TYPES.Identifier
    ? callee.name
    : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined
  if (name !== undefined && helpers.has(name)) return true
  return replaceCovers(value, '')
}

function replaceCovers(call: TSESTree.CallExpression, seen: string): boolean {
  const method = methodName(call)
  if (method !== 'replace' && method !== 'replaceAll') return false
  const [pattern] = call.arguments
  const source = pattern?.type === AST_NODE_TYPES.Literal && 'regex' in pattern
    ? pattern.regex.pattern
    : ''
  const covered = seen + source
  if (covered.includes('%') && covered.includes('_') && covered.includes('\\\\')) {
    return true
  }
  const receiver = receiverOf(call)
  const inner = receiver === undefined ? undefined : unwrap(receiver)
  return inner?.type === AST_NODE_TYPES.CallExpression && replaceCovers(inner, covered)
}

/**
 * The first run-time value in a LIKE pattern built from strings (`%${q}%`,
 * `'%' + q`) that is neither fixed in the code nor escaped.
 */
export function unescapedInPattern(
  ctx: AnalysisContext,
  node: Node,
  helpers: ReadonlySet<string>,
): Node | undefined {
  const parts = stringParts(ctx, node)
  if (parts === undefined || !parts.some((part) => part.type === 'text')) return undefined
  const dynamic = parts.find((part) =>
    part.type === 'dynamic' && !isEscaped(ctx, part.node, helpers))
  return dynamic?.node
}

/**
 * For a value spliced into a pattern on the SQL side
 * (`LIKE '%' || $1 || '%'`): the value itself unless escaped or fixed.
 */
export function unescapedSpliced(
  ctx: AnalysisContext,
  node: Node,
  helpers: ReadonlySet<string>,
): Node | undefined {
  if (isTrusted(ctx, node) || isEscaped(ctx, node, helpers)) return undefined
  return unescapedInPattern(ctx, node, helpers) ?? node
}
