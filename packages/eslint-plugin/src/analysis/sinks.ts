import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils'
import { methodName, unwrap } from './ast'
import type { AnalysisContext } from './context'
import type { Kind } from './kinds'
import { kindOf } from './origins'
import { constantValue } from './trust-members'

type Node = TSESTree.Node

/** A call that sends SQL text to the database as-is. */
export interface Sink {
  /** How the code names it, e.g. `client.query`. */
  readonly label: string
  readonly kind: Kind
  /** The node holding the SQL text. */
  readonly text: Node
  /** The bound values, when given as a separate argument or `values`. */
  readonly params?: Node
}

const TEXT_SINKS = new Set<Kind>([
  'pg-client.query',
  'postgres-sql.unsafe',
  'kysely-compiled-query.raw',
  'kysely-sql.raw',
])

/**
 * The SQL text sink behind a call or `new`: node-postgres `query` (text or
 * `{ text, values }`), `new pg.Query`/`new Cursor`/`new QueryStream`,
 * postgres.js `sql.unsafe`, Kysely `CompiledQuery.raw`, `sql.raw` and
 * `db.executeQuery({ sql, parameters })` with a hand-built query.
 */
export function sinkOf(
  ctx: AnalysisContext,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): Sink | undefined {
  const kind = kindOf(ctx, node.callee)
  if (kind === undefined) return undefined
  if (kind === 'kysely-db-method' && node.type === AST_NODE_TYPES.CallExpression) {
    return compiledQueryLiteral(ctx, node)
  }
  const isSink = node.type === AST_NODE_TYPES.NewExpression
    ? kind === 'pg-submittable-class'
    : TEXT_SINKS.has(kind)
  const [first, second] = node.arguments
  if (!isSink || first === undefined) return undefined
  const label = ctx.sourceCode.getText(node.callee)

  const config = constantValue(ctx, first)
  if (config.type === AST_NODE_TYPES.ObjectExpression) {
    const text = propertyValue(config, 'text')
    if (text === undefined) return undefined
    const values = propertyValue(config, 'values') ?? second
    return { label, kind, text, ...(values ? { params: values } : {}) }
  }
  return { label, kind, text: first, ...(second ? { params: second } : {}) }
}

/** `db.executeQuery({ sql, parameters, query })`: a hand-built compiled query. */
function compiledQueryLiteral(
  ctx: AnalysisContext,
  call: TSESTree.CallExpression,
): Sink | undefined {
  const [first] = call.arguments
  if (methodName(call) !== 'executeQuery' || first === undefined) return undefined
  const object = constantValue(ctx, first)
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined
  const text = propertyValue(object, 'sql')
  const params = propertyValue(object, 'parameters')
  if (text === undefined) return undefined
  return {
    label: ctx.sourceCode.getText(call.callee),
    kind: 'kysely-db-method',
    text,
    ...(params ? { params } : {}),
  }
}

function propertyValue(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue
    const key = property.key
    if (key.type === AST_NODE_TYPES.Identifier && key.name === name) return property.value
  }
  return undefined
}

/** The `n`th (1-based) bound value, when the values are an array literal. */
export function paramAt(
  ctx: AnalysisContext,
  params: Node | undefined,
  n: number,
): Node | undefined {
  if (params === undefined) return undefined
  const array = constantValue(ctx, params)
  if (array.type !== AST_NODE_TYPES.ArrayExpression) return undefined
  const element = array.elements[n - 1]
  if (element == null || element.type === AST_NODE_TYPES.SpreadElement) return undefined
  // A spread earlier in the list shifts every later position.
  const shifted = array.elements.slice(0, n - 1)
    .some((e) => e?.type === AST_NODE_TYPES.SpreadElement)
  return shifted ? undefined : unwrap(element)
}

/** The tag of a template when it binds values (Kysely or postgres.js `sql`). */
export function bindingTag(
  ctx: AnalysisContext,
  template: TSESTree.TemplateLiteral,
): Kind | undefined {
  const parent = template.parent
  if (parent?.type !== AST_NODE_TYPES.TaggedTemplateExpression || parent.quasi !== template) {
    return undefined
  }
  const kind = kindOf(ctx, parent.tag)
  return kind === 'kysely-sql' || kind === 'postgres-sql' ? kind : undefined
}
