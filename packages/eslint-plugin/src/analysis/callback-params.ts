import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { isFunction, unwrap } from './ast'
import type { AnalysisContext } from './context'
import type { Kind } from './kinds'
import { kindOf } from './origins'
import { typeKind } from './type-kinds'
import { type Binding, bindingOf, parameterSite, variableOf } from './variables'

/**
 * The kind of a callback's parameter, from the call the callback is passed
 * to: `db.transaction().execute((trx) => ...)`, `.where((eb) => ...)`,
 * `pool.connect((err, client) => ...)`, `sql.begin((tx) => ...)`, or a
 * local helper whose parameter is typed `(client: pg.Client) => ...`.
 */
export function callbackParamKind(
  ctx: AnalysisContext,
  binding: Binding,
): Kind | undefined {
  const site = parameterSite(binding)
  if (site === undefined || !isFunction(site.fn)) return undefined
  const call = site.fn.parent
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined
  const argIndex = call.arguments.indexOf(site.fn as TSESTree.CallExpressionArgument)
  if (argIndex === -1) return undefined

  const callee = kindOf(ctx, call.callee)
  if (callee === 'kysely-db-method' && site.index === 0) return 'kysely-db'
  if (callee === 'pg-client.connect' && site.index === 1) return 'pg-client'
  if (callee === 'postgres-sql.begin' && site.index === 0) return 'postgres-sql'
  return helperParamKind(ctx, call.callee, argIndex, site.index)
}

/** `withClient(url, (client) => ...)` where `withClient` types the callback. */
function helperParamKind(
  ctx: AnalysisContext,
  calleeNode: TSESTree.Node,
  argIndex: number,
  paramIndex: number,
): Kind | undefined {
  const callee = unwrap(calleeNode)
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined
  const variable = variableOf(ctx.sourceCode, callee)
  const def = variable?.defs[0]
  if (variable === undefined || def === undefined) return undefined
  let fn: TSESTree.Node | undefined = def.node
  if (def.type === 'Variable') {
    const init = bindingOf(variable)?.source
    fn = init === undefined ? undefined : unwrap(init)
  }
  if (fn === undefined || !isFunction(fn)) return undefined

  const param = fn.params[argIndex]
  const annotation =
    param?.type === AST_NODE_TYPES.Identifier
      ? param.typeAnnotation?.typeAnnotation
      : undefined
  if (annotation?.type !== AST_NODE_TYPES.TSFunctionType) return undefined
  const inner = annotation.params[paramIndex]
  if (inner?.type !== AST_NODE_TYPES.Identifier) return undefined
  return typeKind(ctx, inner.typeAnnotation?.typeAnnotation)
}
