import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'

type Node = TSESTree.Node
type Expression = TSESTree.Expression

/**
 * Strips wrappers that change nothing at run time: TypeScript casts,
 * `satisfies`, non-null assertions and optional-chain envelopes.
 */
export function unwrap(node: Node): Node {
  let current = node
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression
        break
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression
        break
      default:
        return current
    }
  }
}

/** The parent, skipping the same run-time-neutral wrappers as `unwrap`. */
export function parentOf(node: Node): Node | undefined {
  let parent = node.parent
  while (parent != null && unwrap(parent) !== parent) {
    parent = parent.parent
  }
  return parent
}

/** The name of a non-computed or literal-keyed member, else `undefined`. */
export function propertyName(
  node: TSESTree.MemberExpression,
): string | undefined {
  const { property } = node
  if (!node.computed) {
    return property.type === AST_NODE_TYPES.PrivateIdentifier
      ? `#${property.name}`
      : (property as TSESTree.Identifier).name
  }
  const key = unwrap(property)
  if (key.type === AST_NODE_TYPES.Literal) return String(key.value)
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.quasis.length === 1) {
    return key.quasis[0]?.value.cooked ?? undefined
  }
  return undefined
}

/** The name of an object-literal or class key, when it is static. */
export function keyName(
  key: TSESTree.Node,
  computed: boolean,
): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`
  if (key.type === AST_NODE_TYPES.Literal) return String(key.value)
  return undefined
}

/** The callee's method name for `x.name(...)`, else `undefined`. */
export function methodName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee)
  return callee.type === AST_NODE_TYPES.MemberExpression
    ? propertyName(callee)
    : undefined
}

/** The receiver `x` of a method call `x.name(...)`. */
export function receiverOf(call: TSESTree.CallExpression): Node | undefined {
  const callee = unwrap(call.callee)
  return callee.type === AST_NODE_TYPES.MemberExpression
    ? callee.object
    : undefined
}

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression

export function isFunction(node: Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  )
}

/** The expressions a function can return (expression body or returns). */
export function returnedExpressions(fn: FunctionNode): Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body]
  const found: Expression[] = []
  const visit = (node: Node): void => {
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassBody) return
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument !== null) found.push(node.argument)
      return
    }
    for (const child of childNodes(node)) visit(child)
  }
  for (const statement of fn.body.body) visit(statement)
  return found
}

/** The direct child nodes of `node`, in source order. */
export function childNodes(node: Node): Node[] {
  const children: Node[] = []
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item)
    } else if (isNode(value)) {
      children.push(value)
    }
  }
  return children
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  )
}
