import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { methodName, receiverOf, unwrap } from './ast'
import type { AnalysisContext } from './context'
import { isGuarded } from './guards'
import { kindOf } from './origins'
import { callReturnsTrusted } from './returned-trust'
import { isTrustedArray, memberTrusted } from './trust-members'
import { bindingOf, isStable, variableOf } from './variables'

type Node = TSESTree.Node

const NUMERIC_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'BigInt'])
const SAME_TEXT_METHODS = new Set([
  'toString', 'toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd',
  'toFixed', 'valueOf', 'toLocaleUpperCase', 'toLocaleLowerCase',
])

/**
 * Whether a value can only be text fixed in the code: a constant, a value
 * checked against a run-time allowlist, a number, or something built only
 * from those. TypeScript casts and types add nothing: they are erased.
 */
export function isTrusted(ctx: AnalysisContext, node: Node): boolean {
  const target = unwrap(node)
  const cached = ctx.trust.get(target)
  if (cached !== undefined) return cached
  ctx.trust.set(target, false)
  const verdict = evaluate(ctx, target)
  ctx.trust.set(target, verdict)
  return verdict
}

function evaluate(ctx: AnalysisContext, node: Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return true
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((part) => isTrusted(ctx, part))
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return false
    case AST_NODE_TYPES.BinaryExpression:
      // Only `+` can carry text; every other operator yields a number or a boolean.
      return (
        node.operator !== '+' ||
        (isTrusted(ctx, node.left) && isTrusted(ctx, node.right))
      )
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true
    case AST_NODE_TYPES.ConditionalExpression:
      return isTrusted(ctx, node.consequent) && isTrusted(ctx, node.alternate)
    case AST_NODE_TYPES.LogicalExpression:
      return isTrusted(ctx, node.left) && isTrusted(ctx, node.right)
    case AST_NODE_TYPES.ArrayExpression:
      return isTrustedArray(ctx, node)
    case AST_NODE_TYPES.AwaitExpression:
      return isTrusted(ctx, node.argument)
    case AST_NODE_TYPES.Identifier:
      return identifierTrusted(ctx, node)
    case AST_NODE_TYPES.MemberExpression:
      return memberTrusted(ctx, node) || isGuarded(ctx, node)
    case AST_NODE_TYPES.CallExpression:
      return callTrusted(ctx, node)
    default:
      return false
  }
}

function identifierTrusted(ctx: AnalysisContext, id: TSESTree.Identifier): boolean {
  const variable = variableOf(ctx.sourceCode, id)
  if (variable === undefined || variable.defs.length === 0) {
    return id.name === 'undefined' || id.name === 'NaN' || id.name === 'Infinity'
  }
  if (isGuarded(ctx, id)) return true
  if (!isStable(variable)) return false
  const binding = bindingOf(variable)
  if (binding?.source === undefined) {
    return binding !== undefined && elementTrusted(ctx, binding)
  }
  if (binding.fallback !== undefined && !isTrusted(ctx, binding.fallback)) return false
  if (binding.kind === 'for-of') {
    return binding.path.length === 0 && isTrustedArray(ctx, binding.source)
  }
  if (binding.path.length === 0) return isTrusted(ctx, binding.source)
  return pathTrusted(ctx, binding.source, binding.path)
}

/** `const { a } = CONSTANTS`: the picked property of a constant object. */
function pathTrusted(
  ctx: AnalysisContext,
  source: Node,
  path: readonly string[],
): boolean {
  const [first, ...rest] = path
  const object = unwrap(source)
  if (first === undefined) return isTrusted(ctx, object)
  if (object.type !== AST_NODE_TYPES.ObjectExpression) {
    if (object.type !== AST_NODE_TYPES.Identifier) return false
    const variable = variableOf(ctx.sourceCode, object)
    const binding = variable && isStable(variable) ? bindingOf(variable) : undefined
    if (binding?.source === undefined || binding.path.length > 0) return false
    return pathTrusted(ctx, binding.source, path)
  }
  for (const property of object.properties) {
    if (
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      'name' in property.key &&
      property.key.name === first
    ) {
      return pathTrusted(ctx, property.value, rest)
    }
  }
  return false
}

/** A callback parameter fed from a trusted array: `COLUMNS.map((c) => ...)`. */
function elementTrusted(
  ctx: AnalysisContext,
  binding: NonNullable<ReturnType<typeof bindingOf>>,
): boolean {
  if (binding.kind !== 'param' || binding.path.length > 0) return false
  const fn = binding.node
  const call = fn.parent
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) {
    return false
  }
  if (!('params' in fn) || fn.params[0] !== binding.name) return false
  const method = methodName(call)
  const receiver = receiverOf(call)
  return (
    receiver !== undefined &&
    ITERATING_METHODS.has(method ?? '') &&
    isTrustedArray(ctx, receiver)
  )
}

const ITERATING_METHODS = new Set([
  'map', 'flatMap', 'forEach', 'filter', 'some', 'every', 'find', 'findLast',
])

function callTrusted(ctx: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee)
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (NUMERIC_GLOBALS.has(callee.name) && isGlobal(ctx, callee)) return true
    if (callee.name === 'String' && isGlobal(ctx, callee)) {
      return call.arguments.every((arg) => isTrusted(ctx, arg))
    }
  }
  const kind = kindOf(ctx, callee)
  if (kind === 'pg-escape' || kind === 'crypto-random-uuid') return true

  const receiver = receiverOf(call)
  const method = methodName(call)
  if (receiver !== undefined && method !== undefined) {
    const object = unwrap(receiver)
    if (
      object.type === AST_NODE_TYPES.Identifier &&
      (object.name === 'Math' || object.name === 'Number' || object.name === 'Date') &&
      isGlobal(ctx, object)
    ) {
      return true
    }
    if (method === 'toString' && kindOf(ctx, receiver) === 'random-bytes') {
      return isHexOrBase64Url(call.arguments[0])
    }
    if (SAME_TEXT_METHODS.has(method)) return isTrusted(ctx, receiver)
    if (method === 'get' || method === 'at') return isTrustedArray(ctx, receiver)
    if (method === 'join') {
      const [separator] = call.arguments
      return (
        isTrustedArray(ctx, receiver) &&
        (separator === undefined || isTrusted(ctx, separator))
      )
    }
  }
  return callReturnsTrusted(ctx, call)
}

function isHexOrBase64Url(arg: Node | undefined): boolean {
  const value = arg === undefined ? undefined : unwrap(arg)
  return (
    value?.type === AST_NODE_TYPES.Literal &&
    (value.value === 'hex' || value.value === 'base64url')
  )
}

function isGlobal(ctx: AnalysisContext, id: TSESTree.Identifier): boolean {
  const variable = variableOf(ctx.sourceCode, id)
  return variable === undefined || variable.defs.length === 0
}
