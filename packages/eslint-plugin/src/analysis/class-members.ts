import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { keyName, propertyName } from './ast'

type Node = TSESTree.Node

/** Where a `this.name` member of a class gets its value or type from. */
export type MemberSource =
  | { readonly type: 'type'; readonly annotation: TSESTree.TypeNode }
  | { readonly type: 'value'; readonly value: TSESTree.Expression }

/**
 * Finds the declaration behind `this.pool` / `this.#db`: a class field with
 * a type or initialiser, a constructor parameter property, or a plain
 * `this.pool = ...` assignment in the constructor.
 */
export function thisMemberSource(
  member: TSESTree.MemberExpression,
): MemberSource | undefined {
  const name = propertyName(member)
  const body = enclosingClassBody(member)
  if (name === undefined || body === undefined) return undefined

  for (const element of body.body) {
    if (
      element.type === AST_NODE_TYPES.PropertyDefinition &&
      keyName(element.key, element.computed) === name
    ) {
      const annotation = element.typeAnnotation?.typeAnnotation
      if (annotation !== undefined) return { type: 'type', annotation }
      if (element.value !== null) return { type: 'value', value: element.value }
    }
  }
  const ctor = body.body.find(
    (element): element is TSESTree.MethodDefinition =>
      element.type === AST_NODE_TYPES.MethodDefinition &&
      element.kind === 'constructor',
  )
  return ctor === undefined ? undefined : constructorSource(ctor, name)
}

function constructorSource(
  ctor: TSESTree.MethodDefinition,
  name: string,
): MemberSource | undefined {
  for (const param of ctor.value.params) {
    if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue
    const inner = param.parameter
    const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner
    if (id.type === AST_NODE_TYPES.Identifier && id.name === name) {
      const annotation = id.typeAnnotation?.typeAnnotation
      return annotation === undefined ? undefined : { type: 'type', annotation }
    }
  }
  for (const statement of ctor.value.body?.body ?? []) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue
    const expr = statement.expression
    if (
      expr.type === AST_NODE_TYPES.AssignmentExpression &&
      expr.operator === '=' &&
      expr.left.type === AST_NODE_TYPES.MemberExpression &&
      expr.left.object.type === AST_NODE_TYPES.ThisExpression &&
      propertyName(expr.left) === name
    ) {
      return { type: 'value', value: expr.right }
    }
  }
  return undefined
}

/** The class body whose `this` a node sees (arrow functions keep it). */
function enclosingClassBody(node: Node): TSESTree.ClassBody | undefined {
  let current: Node | undefined = node.parent
  while (current != null) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      (current.type === AST_NODE_TYPES.FunctionExpression &&
        current.parent?.type !== AST_NODE_TYPES.MethodDefinition)
    ) {
      return undefined
    }
    if (current.type === AST_NODE_TYPES.ClassBody) return current
    current = current.parent
  }
  return undefined
}
