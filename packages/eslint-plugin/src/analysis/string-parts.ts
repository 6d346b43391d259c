import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import {
  isFunction, methodName, propertyName, receiverOf, returnedExpressions, unwrap,
} from './ast'
import type { AnalysisContext } from './context'
import { staticText } from './static-text'
import { isTrusted } from './trust'
import { constantValue } from './trust-members'
import { bindingOf, isStable, variableOf } from './variables'

type Node = TSESTree.Node

/** A piece of a string built at run time. */
export type Part =
  | { readonly type: 'text'; readonly value: string; readonly node: Node }
  | { readonly type: 'trusted'; readonly node: Node }
  | { readonly type: 'dynamic'; readonly node: Node }

const MAX_DEPTH = 12

/**
 * Splits a string-building expression into fixed text and the values spliced
 * into it: template literals, `+`, `.concat()`, `[...].join()`, and
 * variables built up with `=`/`+=`/`.push()`. Returns `undefined` when the
 * expression builds nothing (a parameter, a call result...).
 */
export function stringParts(
  ctx: AnalysisContext,
  node: Node,
  depth = 0,
): Part[] | undefined {
  if (depth > MAX_DEPTH) return undefined
  const target = unwrap(node)
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return typeof target.value === 'string'
        ? [{ type: 'text', value: target.value, node: target }]
        : undefined
    case AST_NODE_TYPES.TemplateLiteral:
      return templateParts(ctx, target, depth)
    case AST_NODE_TYPES.BinaryExpression:
      return target.operator === '+'
        ? [...operand(ctx, target.left, depth), ...operand(ctx, target.right, depth)]
        : undefined
    case AST_NODE_TYPES.CallExpression:
      return callParts(ctx, target, depth)
    case AST_NODE_TYPES.Identifier:
      return variableParts(ctx, target, depth)
    default:
      return undefined
  }
}

/** Parts of any operand: its own parts, or one trusted/dynamic value. */
export function operand(ctx: AnalysisContext, node: Node, depth: number): Part[] {
  const value = staticText(ctx, node)
  if (value !== undefined) return [{ type: 'text', value, node }]
  const parts = stringParts(ctx, node, depth + 1)
  if (parts !== undefined) return parts
  return [{ type: isTrusted(ctx, node) ? 'trusted' : 'dynamic', node }]
}

function templateParts(
  ctx: AnalysisContext,
  node: TSESTree.TemplateLiteral,
  depth: number,
): Part[] {
  const parts: Part[] = []
  node.quasis.forEach((quasi, index) => {
    parts.push({ type: 'text', value: quasi.value.cooked ?? quasi.value.raw, node: quasi })
    const expression = node.expressions[index]
    if (expression !== undefined) parts.push(...operand(ctx, expression, depth))
  })
  return parts
}

function callParts(
  ctx: AnalysisContext,
  call: TSESTree.CallExpression,
  depth: number,
): Part[] | undefined {
  const method = methodName(call)
  const receiver = receiverOf(call)
  if (receiver === undefined) return returnedParts(ctx, call, depth)
  if (method === 'concat') {
    const base = stringParts(ctx, receiver, depth + 1)
    if (base === undefined || !base.some((part) => part.type === 'text')) return undefined
    return [...base, ...call.arguments.flatMap((arg) => operand(ctx, arg, depth))]
  }
  if (method !== 'join') return undefined
  const elements = arrayElements(ctx, receiver)
  if (elements === undefined) return undefined
  const [separatorNode] = call.arguments
  const separator = separatorNode === undefined
    ? [{ type: 'text', value: ',', node: call } as const]
    : operand(ctx, separatorNode, depth)
  return elements.flatMap((element, index) => [
    ...(index > 0 ? separator : []),
    ...operand(ctx, element, depth),
  ])
}

/** `buildQuery(x)`: the parts of what a local, synchronous function returns. */
function returnedParts(
  ctx: AnalysisContext,
  call: TSESTree.CallExpression,
  depth: number,
): Part[] | undefined {
  const fn = constantValue(ctx, call.callee)
  if (!isFunction(fn) || fn.async || fn.generator) return undefined
  const parts = returnedExpressions(fn).map((expr) => stringParts(ctx, expr, depth + 1))
  if (parts.every((part) => part === undefined)) return undefined
  return parts.flatMap((part) => part ?? [])
}

/** The elements of an array literal, plus whatever is `.push()`ed later. */
function arrayElements(ctx: AnalysisContext, node: Node): Node[] | undefined {
  const target = unwrap(node)
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    return target.elements.filter((e): e is TSESTree.Expression =>
      e !== null && e.type !== AST_NODE_TYPES.SpreadElement)
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined
  const variable = variableOf(ctx.sourceCode, target)
  const binding = variable === undefined ? undefined : bindingOf(variable)
  if (variable === undefined || binding?.source === undefined) return undefined
  const initial = unwrap(binding.source)
  if (initial.type !== AST_NODE_TYPES.ArrayExpression || !isStable(variable)) return undefined
  const pushed = variable.references.flatMap((ref) => {
    const member = ref.identifier.parent
    const call = member?.parent
    if (member?.type !== AST_NODE_TYPES.MemberExpression ||
      call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member ||
      !['push', 'unshift'].includes(propertyName(member) ?? '')) {
      return []
    }
    return call.arguments
  })
  return [...(arrayElements(ctx, initial) ?? []), ...pushed]
}

/** A variable's initial value plus every `=` and `+=` assigned to it. */
function variableParts(
  ctx: AnalysisContext,
  id: TSESTree.Identifier,
  depth: number,
): Part[] | undefined {
  const variable = variableOf(ctx.sourceCode, id)
  const binding = variable === undefined ? undefined : bindingOf(variable)
  if (variable === undefined || binding === undefined) return undefined
  if (binding.kind !== 'init' || binding.path.length > 0) return undefined
  const sources: Node[] = binding.source === undefined ? [] : [binding.source]
  for (const ref of variable.references) {
    const assignment = ref.identifier.parent
    if (!ref.isWrite() || ref.init === true) continue
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression) return undefined
    if (assignment.operator !== '=' && assignment.operator !== '+=') return undefined
    sources.push(assignment.right)
  }
  const parts = sources.map((source) => stringParts(ctx, source, depth + 1))
  if (parts.every((part) => part === undefined)) return undefined
  return parts.flatMap((part, index) =>
    part ?? operand(ctx, sources[index] as Node, depth))
}
