import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { propertyName } from './ast'
import type { AnalysisContext } from './context'
import { constantValue } from './trust-members'

/**
 * The text of an expression whose value is fixed in the code: literals,
 * templates and `+` of those, and `const` names or `CONSTANTS.key` bound
 * to them. `undefined` when the value is not one known string.
 */
export function staticText(
  ctx: AnalysisContext,
  node: TSESTree.Node,
  depth = 0,
): string | undefined {
  if (depth > 12) return undefined
  const target = constantValue(ctx, node)
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return 'regex' in target || target.value === null || typeof target.value === 'object'
        ? undefined
        : String(target.value)
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = target.quasis[0]?.value.cooked ?? ''
      for (let i = 0; i < target.expressions.length; i++) {
        const expression = target.expressions[i]
        const value = expression && staticText(ctx, expression, depth + 1)
        if (value === undefined) return undefined
        text += value + (target.quasis[i + 1]?.value.cooked ?? '')
      }
      return text
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (target.operator !== '+') return undefined
      const left = staticText(ctx, target.left, depth + 1)
      const right = left === undefined ? undefined : staticText(ctx, target.right, depth + 1)
      return right === undefined ? undefined : `${left}${right}`
    }
    case AST_NODE_TYPES.MemberExpression: {
      const object = constantValue(ctx, target.object)
      const name = propertyName(target)
      if (object.type !== AST_NODE_TYPES.ObjectExpression || name === undefined) {
        return undefined
      }
      const property = object.properties.find((p) =>
        p.type === AST_NODE_TYPES.Property && !p.computed &&
        (p.key.type === AST_NODE_TYPES.Identifier ? p.key.name : String(p.key.value)) === name)
      return property?.type === AST_NODE_TYPES.Property
        ? staticText(ctx, property.value, depth + 1)
        : undefined
    }
    default:
      return undefined
  }
}
