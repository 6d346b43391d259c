import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils'
import { methodName, propertyName, receiverOf, returnedExpressions, unwrap } from './ast'
import type { AnalysisContext } from './context'
import { isSafeIdentifierPattern } from './safe-regex'
import { isTrusted } from './trust'
import { constantValue, isTrustedArray } from './trust-members'
import { isStable, variableOf } from './variables'

type Node = TSESTree.Node
type Keys = ReadonlySet<string>

const NONE: Keys = new Set()
const ids = new WeakMap<TSESLint.Scope.Variable, number>()
let nextId = 0

/**
 * A name for "the value at this variable or property path", equal for two
 * nodes only when they read the same never-reassigned variable.
 */
export function pathKey(ctx: AnalysisContext, node: Node): string | undefined {
  const target = unwrap(node)
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(ctx.sourceCode, target)
    if (variable === undefined || variable.defs.length === 0) return undefined
    if (!isStable(variable)) return undefined
    let id = ids.get(variable)
    if (id === undefined) {
      id = nextId++
      ids.set(variable, id)
    }
    return `v${id}`
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(target)
    const base = pathKey(ctx, target.object)
    return name === undefined || base === undefined ? undefined : `${base}.${name}`
  }
  return undefined
}

/**
 * The paths whose value is known to be fixed text when `test` is truthy
 * (or falsy): allowlisted, compared with a constant, matched by an
 * identifier-only regular expression, or nullish (which prints as fixed
 * text too).
 */
export function conditionKeys(ctx: AnalysisContext, test: Node, truthy: boolean): Keys {
  const node = unwrap(test)
  switch (node.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '!' ? conditionKeys(ctx, node.argument, !truthy) : NONE
    case AST_NODE_TYPES.LogicalExpression: {
      if (node.operator === '??') return NONE
      const left = conditionKeys(ctx, node.left, truthy)
      const right = conditionKeys(ctx, node.right, truthy)
      // a && b true, or a || b false: both sides hold. Otherwise either may.
      const both = (node.operator === '&&') === truthy
      return both ? union(left, right) : intersect(left, right)
    }
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
      return truthy ? NONE : keysOf(ctx, node)
    case AST_NODE_TYPES.BinaryExpression:
      return binaryKeys(ctx, node, truthy)
    case AST_NODE_TYPES.CallExpression:
      return truthy ? callKeys(ctx, node) : NONE
    default:
      return NONE
  }
}

function binaryKeys(ctx: AnalysisContext, node: TSESTree.BinaryExpression, truthy: boolean): Keys {
  const { operator } = node
  if (operator === 'in') {
    const object = constantValue(ctx, node.right)
    return truthy && object.type === AST_NODE_TYPES.ObjectExpression
      ? keysOf(ctx, node.left)
      : NONE
  }
  const equal = operator === '===' || operator === '=='
  if (!equal && operator !== '!==' && operator !== '!=') return NONE
  if (equal !== truthy) return NONE
  const left = unwrap(node.left)
  const right = unwrap(node.right)
  if (left.type === AST_NODE_TYPES.UnaryExpression && left.operator === 'typeof') {
    return typeofKeys(ctx, left.argument, right)
  }
  if (right.type === AST_NODE_TYPES.UnaryExpression && right.operator === 'typeof') {
    return typeofKeys(ctx, right.argument, left)
  }
  if (left.type !== AST_NODE_TYPES.PrivateIdentifier && isTrusted(ctx, left)) {
    return keysOf(ctx, right)
  }
  return isTrusted(ctx, right) ? keysOf(ctx, left) : NONE
}

const FIXED_TYPES = new Set(['number', 'bigint', 'boolean', 'undefined'])

function typeofKeys(ctx: AnalysisContext, subject: Node, type: Node): Keys {
  return type.type === AST_NODE_TYPES.Literal && FIXED_TYPES.has(String(type.value))
    ? keysOf(ctx, subject)
    : NONE
}

const NUMBER_CHECKS = new Set(['isInteger', 'isSafeInteger', 'isFinite'])

function callKeys(ctx: AnalysisContext, call: TSESTree.CallExpression): Keys {
  const method = methodName(call)
  const receiver = receiverOf(call)
  const [first, second] = call.arguments
  if (first === undefined) return NONE
  if (receiver !== undefined) {
    const object = unwrap(receiver)
    const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : ''
    if (method === 'includes' || method === 'has') {
      return isTrustedArray(ctx, receiver) ? keysOf(ctx, first) : NONE
    }
    if (method === 'test') {
      return isSafeIdentifierPattern(constantValue(ctx, receiver)) ? keysOf(ctx, first) : NONE
    }
    if (objectName === 'Number' && NUMBER_CHECKS.has(method ?? '')) return keysOf(ctx, first)
    if (objectName === 'Object' && method === 'hasOwn' && second !== undefined) {
      return isLiteralObject(ctx, first) ? keysOf(ctx, second) : NONE
    }
    if (method === 'hasOwnProperty') {
      return isLiteralObject(ctx, receiver) ? keysOf(ctx, first) : NONE
    }
    if (method === 'call' && second !== undefined && isHasOwnProperty(receiver)) {
      return isLiteralObject(ctx, first) ? keysOf(ctx, second) : NONE
    }
    return NONE
  }
  return guardFunctionKeys(ctx, call)
}

/** `isSortColumn(x)` where `isSortColumn` returns an allowlist check of its parameter. */
function guardFunctionKeys(ctx: AnalysisContext, call: TSESTree.CallExpression): Keys {
  const fn = constantValue(ctx, call.callee)
  if (
    fn.type !== AST_NODE_TYPES.FunctionDeclaration &&
    fn.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    fn.type !== AST_NODE_TYPES.FunctionExpression
  ) {
    return NONE
  }
  const found = new Set<string>()
  fn.params.forEach((param, index) => {
    const arg = call.arguments[index]
    if (param.type !== AST_NODE_TYPES.Identifier || arg === undefined) return
    const key = pathKey(ctx, param)
    const results = returnedExpressions(fn)
    if (key !== undefined && results.length > 0 &&
      results.every((expr) => conditionKeys(ctx, expr, true).has(key))) {
      for (const argKey of keysOf(ctx, arg)) found.add(argKey)
    }
  })
  return found
}

function isHasOwnProperty(node: Node): boolean {
  const member = unwrap(node)
  return member.type === AST_NODE_TYPES.MemberExpression &&
    propertyName(member) === 'hasOwnProperty'
}

function isLiteralObject(ctx: AnalysisContext, node: Node): boolean {
  return constantValue(ctx, node).type === AST_NODE_TYPES.ObjectExpression
}

function keysOf(ctx: AnalysisContext, node: Node): Keys {
  const key = pathKey(ctx, node)
  return key === undefined ? NONE : new Set([key])
}

function union(a: Keys, b: Keys): Keys {
  return new Set([...a, ...b])
}

function intersect(a: Keys, b: Keys): Keys {
  return new Set([...a].filter((key) => b.has(key)))
}
