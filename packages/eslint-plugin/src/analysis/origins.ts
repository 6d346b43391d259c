import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { methodName, propertyName, unwrap } from './ast'
import { callbackParamKind } from './callback-params'
import { thisMemberSource } from './class-members'
import type { AnalysisContext } from './context'
import { callKind, instanceKind, type Kind, memberKind, moduleKind } from './kinds'
import { programKind } from './program-kinds'
import { typeKind } from './type-kinds'
import { annotationOf, bindingOf, isStable, variableOf } from './variables'

type Node = TSESTree.Node

/**
 * What `node` is known to be: the `sql` tag from kysely, a node-postgres
 * pool, a method of one... Resolved through imports, `require`, aliases,
 * destructuring, `new`, `await`, type annotations and class fields.
 */
export function kindOf(ctx: AnalysisContext, node: Node): Kind | undefined {
  const target = unwrap(node)
  const cached = ctx.kinds.get(target)
  if (cached !== undefined) return cached ?? undefined
  ctx.kinds.set(target, null)
  const kind = resolve(ctx, target) ?? typedKind(ctx, target)
  ctx.kinds.set(target, kind ?? null)
  return kind
}

const TYPED_NODES = new Set<string>([
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.AwaitExpression,
])

/** Falls back on TypeScript's types when the project is linted with them. */
function typedKind(ctx: AnalysisContext, node: Node): Kind | undefined {
  return TYPED_NODES.has(node.type) ? programKind(ctx, node) : undefined
}

function resolve(ctx: AnalysisContext, node: Node): Kind | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return identifierKind(ctx, node)
    case AST_NODE_TYPES.MemberExpression:
      return memberExpressionKind(ctx, node)
    case AST_NODE_TYPES.CallExpression:
      return callExpressionKind(ctx, node)
    case AST_NODE_TYPES.NewExpression: {
      const callee = kindOf(ctx, node.callee)
      return callee === undefined ? undefined : instanceKind(callee)
    }
    case AST_NODE_TYPES.AwaitExpression:
      return kindOf(ctx, node.argument)
    case AST_NODE_TYPES.ImportExpression:
      return staticModule(node.source)
    case AST_NODE_TYPES.LogicalExpression:
      return kindOf(ctx, node.left) ?? kindOf(ctx, node.right)
    case AST_NODE_TYPES.ConditionalExpression:
      return kindOf(ctx, node.consequent) ?? kindOf(ctx, node.alternate)
    default:
      return undefined
  }
}

function identifierKind(
  ctx: AnalysisContext,
  id: TSESTree.Identifier,
): Kind | undefined {
  const variable = variableOf(ctx.sourceCode, id)
  if (variable === undefined || !isStable(variable)) return undefined
  const binding = bindingOf(variable)
  if (binding === undefined) return undefined

  if (binding.kind === 'import') return importKind(binding.node)
  const declared = typeKind(ctx, annotationOf(binding.name))
  if (binding.kind === 'param') {
    return declared ?? callbackParamKind(ctx, binding)
  }
  if (binding.kind !== 'init' || binding.source === undefined) return declared
  let kind = declared ?? kindOf(ctx, binding.source)
  for (const name of binding.path) {
    kind = kind === undefined ? undefined : memberKind(kind, name)
  }
  return kind
}

function importKind(node: Node): Kind | undefined {
  const declaration = node.parent
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined
  const root = moduleKind(declaration.source.value)
  if (root === undefined) return undefined
  if (node.type !== AST_NODE_TYPES.ImportSpecifier) return root
  const imported =
    node.imported.type === AST_NODE_TYPES.Identifier
      ? node.imported.name
      : node.imported.value
  return imported === 'default' ? root : memberKind(root, imported)
}

function memberExpressionKind(
  ctx: AnalysisContext,
  node: TSESTree.MemberExpression,
): Kind | undefined {
  const name = propertyName(node)
  if (name === undefined) return undefined
  if (node.object.type === AST_NODE_TYPES.ThisExpression) {
    const source = thisMemberSource(node)
    if (source === undefined) return undefined
    return source.type === 'type'
      ? typeKind(ctx, source.annotation)
      : kindOf(ctx, source.value)
  }
  const object = kindOf(ctx, node.object)
  return object === undefined ? undefined : memberKind(object, name)
}

function callExpressionKind(
  ctx: AnalysisContext,
  node: TSESTree.CallExpression,
): Kind | undefined {
  const callee = unwrap(node.callee)
  if (
    callee.type === AST_NODE_TYPES.Identifier &&
    callee.name === 'require' &&
    (variableOf(ctx.sourceCode, callee)?.defs.length ?? 0) === 0
  ) {
    const [source] = node.arguments
    return source === undefined ? undefined : staticModule(source)
  }
  const kind = kindOf(ctx, callee)
  return kind === undefined ? undefined : callKind(kind, methodName(node))
}

function staticModule(source: Node): Kind | undefined {
  const value = unwrap(source)
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') {
    return moduleKind(value.value)
  }
  return undefined
}
