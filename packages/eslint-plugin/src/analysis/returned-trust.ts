import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { isFunction, returnedExpressions, unwrap } from './ast'
import type { AnalysisContext } from './context'
import { isTrusted } from './trust'
import { constantValue } from './trust-members'
import { isStable, variableOf } from './variables'

type Node = TSESTree.Node

/** A call to a local function whose every `return` is trusted. */
export function callReturnsTrusted(
  ctx: AnalysisContext,
  call: TSESTree.CallExpression,
): boolean {
  const callee = unwrap(call.callee)
  if (callee.type !== AST_NODE_TYPES.Identifier) return false
  const variable = variableOf(ctx.sourceCode, callee)
  if (variable === undefined || !isStable(variable)) return false
  const def = variable.defs[0]
  let fn: Node | undefined = def?.node
  if (def?.type === 'Variable') fn = constantValue(ctx, callee)
  if (fn === undefined || !isFunction(fn) || fn.async || fn.generator) return false
  const results = returnedExpressions(fn)
  return results.length > 0 && results.every((expr) => isTrusted(ctx, expr))
}
