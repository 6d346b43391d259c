import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { isFunction, returnedExpressions, unwrap } from './ast'
import type { AnalysisContext } from './context'
import { conditionKeys, pathKey } from './conditions'
import { kindOf } from './origins'
import { isTrusted } from './trust'
import { constantValue } from './trust-members'

type Node = TSESTree.Node

/**
 * Whether the value at `node` (a variable or a property path of one that is
 * never reassigned) has been checked against a run-time allowlist on every
 * path that reaches it: inside `if (ALLOWED.includes(x)) { ... }`, after
 * `if (!ALLOWED.includes(x)) throw ...`, in a `case 'a':` of
 * `switch (x)`, on the true side of `x === 'a' ? ... : ...`, and so on.
 */
export function isGuarded(ctx: AnalysisContext, node: Node): boolean {
  const key = pathKey(ctx, node)
  if (key === undefined) return false
  let child: Node = node
  for (let parent = node.parent; parent != null; parent = parent.parent) {
    if (guardsChild(ctx, parent, child, key)) return true
    child = parent
  }
  return false
}

function guardsChild(
  ctx: AnalysisContext,
  parent: Node,
  child: Node,
  key: string,
): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      if (child === parent.consequent) return conditionKeys(ctx, parent.test, true).has(key)
      if (child === parent.alternate) return conditionKeys(ctx, parent.test, false).has(key)
      return false
    case AST_NODE_TYPES.LogicalExpression:
      if (child !== parent.right || parent.operator === '??') return false
      return conditionKeys(ctx, parent.left, parent.operator === '&&').has(key)
    case AST_NODE_TYPES.SwitchStatement:
      return child.type === AST_NODE_TYPES.SwitchCase &&
        caseGuards(ctx, parent, child, key)
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return earlierExits(ctx, parent.body, child, key)
    case AST_NODE_TYPES.SwitchCase:
      return earlierExits(ctx, parent.consequent, child, key)
    default:
      return false
  }
}

/** `if (!ok(x)) throw ...` or `assert(ok(x))` before the statement using x. */
function earlierExits(
  ctx: AnalysisContext,
  statements: readonly Node[],
  child: Node,
  key: string,
): boolean {
  for (const statement of statements) {
    if (statement === child) return false
    if (statement.type === AST_NODE_TYPES.IfStatement) {
      if (terminates(statement.consequent) &&
        conditionKeys(ctx, statement.test, false).has(key)) {
        return true
      }
      if (statement.alternate !== null && terminates(statement.alternate) &&
        conditionKeys(ctx, statement.test, true).has(key)) {
        return true
      }
    }
    const asserted = assertedCondition(ctx, statement)
    if (asserted !== undefined && conditionKeys(ctx, asserted, true).has(key)) {
      return true
    }
  }
  return false
}

function assertedCondition(ctx: AnalysisContext, statement: Node): Node | undefined {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined
  const call = unwrap(statement.expression)
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined
  return kindOf(ctx, call.callee) === 'assert' ? call.arguments[0] : undefined
}

/** Whether control never continues past this statement. */
export function terminates(statement: Node): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1)
      return last !== undefined && terminates(last)
    }
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null &&
        terminates(statement.consequent) && terminates(statement.alternate)
    default:
      return false
  }
}

/** Inside `case 'a':` (and the cases falling into it) of `switch (x)`. */
function caseGuards(
  ctx: AnalysisContext,
  switchNode: TSESTree.SwitchStatement,
  current: TSESTree.SwitchCase,
  key: string,
): boolean {
  if (pathKey(ctx, switchNode.discriminant) !== key) return false
  const index = switchNode.cases.indexOf(current)
  for (let i = index; i >= 0; i--) {
    const entry = switchNode.cases[i]
    if (entry?.test == null || !isTrusted(ctx, entry.test)) return false
    const previous = switchNode.cases[i - 1]
    const last = previous?.consequent.at(-1)
    if (previous === undefined || (last !== undefined && terminates(last))) {
      return true
    }
  }
  return true
}

/** A `filter` callback that keeps only allowlisted elements. */
export function isGuardCallback(ctx: AnalysisContext, callback: Node): boolean {
  const fn = constantValue(ctx, callback)
  if (!isFunction(fn)) return false
  const param = fn.params[0]
  if (param?.type !== AST_NODE_TYPES.Identifier) return false
  const key = pathKey(ctx, param)
  const results = returnedExpressions(fn)
  return key !== undefined && results.length > 0 &&
    results.every((expr) => conditionKeys(ctx, expr, true).has(key))
}
