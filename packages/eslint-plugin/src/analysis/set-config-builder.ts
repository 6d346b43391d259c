import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { methodName, unwrap } from './ast'
import type { AnalysisContext } from './context'
import { kindOf } from './origins'
import { staticText } from './static-text'

/** A `set_config` built with Kysely that sets a setting for the session. */
export interface BuilderSetConfig {
  readonly problem: 'sessionSetConfig' | 'missingIsLocal'
  /** The setting's name, when fixed in the code. */
  readonly name: string | undefined
}

/**
 * `eb.fn('set_config', [name, value, isLocal])` whose `isLocal` is missing
 * or `false` (plain, or wrapped in `sql.lit`, `eb.val`, `eb.lit`).
 */
export function builderSetConfig(
  ctx: AnalysisContext,
  call: TSESTree.CallExpression,
): BuilderSetConfig | undefined {
  if (methodName(call) !== 'fn' || kindOf(ctx, call.callee) !== 'kysely-db-method') {
    return undefined
  }
  const [fnName, argList] = call.arguments
  if (fnName === undefined || staticText(ctx, fnName)?.toLowerCase() !== 'set_config') {
    return undefined
  }
  const list = argList === undefined ? undefined : unwrap(argList)
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return undefined
  const [nameNode, , isLocal] = list.elements
  const name = nameNode == null ? undefined : staticText(ctx, innerValue(nameNode))
  if (isLocal == null) return { problem: 'missingIsLocal', name }
  const flag = innerValue(isLocal)
  return flag.type === AST_NODE_TYPES.Literal && flag.value === false
    ? { problem: 'sessionSetConfig', name }
    : undefined
}

/** `sql.lit(x)`, `eb.val(x)`, `eb.lit(x)` unwrap to `x`. */
function innerValue(node: TSESTree.Node): TSESTree.Node {
  const target = unwrap(node)
  if (target.type !== AST_NODE_TYPES.CallExpression) return target
  const method = methodName(target)
  const [arg] = target.arguments
  return (method === 'lit' || method === 'val') && arg !== undefined ? unwrap(arg) : target
}
