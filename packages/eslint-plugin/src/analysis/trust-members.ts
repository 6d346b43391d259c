import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils'
import {
  isFunction, methodName, propertyName, receiverOf, returnedExpressions, unwrap,
} from './ast'
import type { AnalysisContext } from './context'
import { isGuardCallback } from './guards'
import { isTrusted } from './trust'
import { bindingOf, isStable, variableOf } from './variables'

type Node = TSESTree.Node

const MUTATORS = new Set([
  'push', 'unshift', 'splice', 'fill', 'copyWithin', 'set', 'add',
  'delete', 'clear', 'reverse', 'sort',
])

/**
 * The literal behind a `const` that is never reassigned nor mutated in
 * this file (no `X.k = v`, no `X.push(v)`), or the node itself.
 */
export function constantValue(ctx: AnalysisContext, node: Node): Node {
  const target = unwrap(node)
  if (target.type !== AST_NODE_TYPES.Identifier) return target
  const variable = variableOf(ctx.sourceCode, target)
  if (variable === undefined || !isStable(variable) || isMutated(variable)) {
    return target
  }
  const binding = bindingOf(variable)
  if (binding?.node.type === AST_NODE_TYPES.FunctionDeclaration) return binding.node
  if (binding?.kind !== 'init' || binding.path.length > 0) return target
  return binding.source === undefined ? target : constantValue(ctx, binding.source)
}

function isMutated(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((ref) => {
    const member = ref.identifier.parent
    if (member?.type !== AST_NODE_TYPES.MemberExpression) return false
    if (member.object !== ref.identifier) return false
    const user = member.parent
    if (
      (user?.type === AST_NODE_TYPES.AssignmentExpression && user.left === member) ||
      user?.type === AST_NODE_TYPES.UpdateExpression ||
      (user?.type === AST_NODE_TYPES.UnaryExpression && user.operator === 'delete')
    ) {
      return true
    }
    const name = propertyName(member)
    return user?.type === AST_NODE_TYPES.CallExpression &&
      user.callee === member && MUTATORS.has(name ?? '')
  })
}

/** Whether every element of an array expression is trusted. */
export function isTrustedArray(ctx: AnalysisContext, node: Node): boolean {
  const value = constantValue(ctx, node)
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.every((element) => {
      if (element === null) return true
      if (element.type === AST_NODE_TYPES.SpreadElement) {
        return isTrustedArray(ctx, element.argument)
      }
      return isTrusted(ctx, element)
    })
  }
  if (value.type === AST_NODE_TYPES.CallExpression) return arrayCallTrusted(ctx, value)
  if (value.type === AST_NODE_TYPES.NewExpression) {
    // `new Set([...])` and `new Map([[k, v], ...])` hold what they were given.
    const [items] = value.arguments
    const ctor = unwrap(value.callee)
    return (
      ctor.type === AST_NODE_TYPES.Identifier &&
      (ctor.name === 'Set' || ctor.name === 'Map') &&
      items !== undefined &&
      isTrustedArray(ctx, items)
    )
  }
  return false
}

function arrayCallTrusted(ctx: AnalysisContext, call: TSESTree.CallExpression): boolean {
  const method = methodName(call)
  const receiver = receiverOf(call)
  if (receiver === undefined || method === undefined) return false
  const object = unwrap(receiver)
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Object') {
    // `Object.keys(CONSTANTS)`, `Object.values(CONSTANTS)`.
    const [arg] = call.arguments
    if (arg === undefined || !(method === 'keys' || method === 'values')) return false
    const source = constantValue(ctx, arg)
    return source.type === AST_NODE_TYPES.ObjectExpression &&
      objectTrusted(ctx, source, method === 'values')
  }
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Array') {
    return method === 'of' && call.arguments.every((arg) => isTrusted(ctx, arg))
  }
  const [callback] = call.arguments
  if (method === 'filter' && callback !== undefined && isGuardCallback(ctx, callback)) {
    return true
  }
  if (method === 'map' || method === 'flatMap') {
    const fn = callback === undefined ? undefined : unwrap(callback)
    return fn !== undefined && isFunction(fn) &&
      returnedExpressions(fn).every((expr) => isTrusted(ctx, expr))
  }
  if (['filter', 'slice', 'toSorted', 'toReversed', 'concat', 'flat'].includes(method)) {
    return isTrustedArray(ctx, object) &&
      call.arguments.every((arg) => method !== 'concat' || isTrustedArray(ctx, arg))
  }
  return method === 'freeze' && call.arguments[0] !== undefined &&
    isTrustedArray(ctx, call.arguments[0])
}

/** Every key (and, when asked, every value) of an object literal is fixed. */
export function objectTrusted(
  ctx: AnalysisContext,
  object: TSESTree.ObjectExpression,
  values: boolean,
): boolean {
  return object.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false
    if (property.computed && !isTrusted(ctx, property.key)) return false
    return !values || isTrusted(ctx, property.value)
  })
}

/**
 * `ENUM.Member`, `CONSTANTS.key`, `CONSTANTS[guardedKey]`, `x.length`.
 */
export function memberTrusted(
  ctx: AnalysisContext,
  member: TSESTree.MemberExpression,
): boolean {
  const name = propertyName(member)
  if (name === 'length' || name === 'size') return true
  const object = constantValue(ctx, member.object)
  if (object.type === AST_NODE_TYPES.Identifier) return enumMemberTrusted(ctx, object)
  if (object.type === AST_NODE_TYPES.ArrayExpression) {
    // Any index of a fixed array is one of its elements or `undefined`.
    return isTrustedArray(ctx, object)
  }
  if (object.type !== AST_NODE_TYPES.ObjectExpression) {
    const frozen = frozenObject(ctx, object)
    return frozen !== undefined && lookupTrusted(ctx, frozen, member, name)
  }
  return lookupTrusted(ctx, object, member, name)
}

function lookupTrusted(
  ctx: AnalysisContext,
  object: TSESTree.ObjectExpression,
  member: TSESTree.MemberExpression,
  name: string | undefined,
): boolean {
  if (name === undefined) {
    // A computed key: every value must be fixed and the key itself checked.
    return objectTrusted(ctx, object, true) && isTrusted(ctx, member.property)
  }
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue
    const key = property.key
    const keyText = key.type === AST_NODE_TYPES.Identifier ? key.name : String(key.value)
    if (keyText === name) return isTrusted(ctx, property.value)
  }
  return false
}

function frozenObject(
  ctx: AnalysisContext,
  node: Node,
): TSESTree.ObjectExpression | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || methodName(node) !== 'freeze') {
    return undefined
  }
  const [arg] = node.arguments
  const value = arg === undefined ? undefined : constantValue(ctx, arg)
  return value?.type === AST_NODE_TYPES.ObjectExpression ? value : undefined
}

function enumMemberTrusted(ctx: AnalysisContext, id: TSESTree.Identifier): boolean {
  const variable = variableOf(ctx.sourceCode, id)
  const declarations = variable?.defs ?? []
  return declarations.length > 0 && declarations.every((def) => {
    const node = def.node
    if (node.type !== AST_NODE_TYPES.TSEnumDeclaration || node.declare) return false
    return node.body.members.every(
      (m) => m.initializer === undefined || isTrusted(ctx, m.initializer),
    )
  })
}
