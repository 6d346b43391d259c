import type {
  AliasNode,
  BinaryOperationNode,
  ColumnUpdateNode,
  InsertQueryNode,
  OperationNode,
  ReferenceNode,
  SelectionNode,
} from 'kysely'
import type { ColumnCodec } from '../column/column-codec'
import { forbiddenUse, unusableValue } from './plugin-errors'
import { columnName, identifier, Scope, type EncryptedColumn } from './query-scope'

/** The parts of the five query nodes that name tables. */
interface AnyQuery extends OperationNode {
  readonly from?: { readonly froms: readonly OperationNode[] }
  readonly joins?: readonly { readonly table: OperationNode }[]
  readonly into?: OperationNode
  readonly table?: OperationNode
  readonly using?: {
    readonly table?: OperationNode
    readonly tables?: readonly OperationNode[]
  }
  readonly setOperations?: readonly unknown[]
  readonly selections?: readonly SelectionNode[]
}

const QUERIES = new Set([
  'SelectQueryNode', 'InsertQueryNode', 'UpdateQueryNode',
  'DeleteQueryNode', 'MergeQueryNode',
])
const LEAVES = new Set(['ValueNode', 'PrimitiveValueListNode', 'DefaultInsertValueNode'])
// Clauses where PostgreSQL also resolves the SELECT list's output names.
const OUTPUT_CLAUSES = new Set(['orderBy', 'groupBy', 'distinctOn'])
const CLAUSES: Record<string, string> = {
  where: 'WHERE', having: 'HAVING', orderBy: 'ORDER BY', groupBy: 'GROUP BY',
  on: 'JOIN ... ON', distinctOn: 'DISTINCT ON', selections: 'a SELECT expression',
  updateWhere: 'ON CONFLICT ... WHERE', indexWhere: 'ON CONFLICT ... WHERE',
  indexExpression: 'ON CONFLICT', condition: 'MERGE ... WHEN', values: 'VALUES',
}

/**
 * Checks a query against the declared encrypted columns and returns which
 * result columns hold tokens. Encrypted columns may be selected, returned,
 * written and tested with `is null` / `is not null`; anything that would
 * compare, sort, group or compute on ciphertext is refused.
 */
export function analyzeQuery(
  root: OperationNode,
  codec: ColumnCodec,
): Map<string, EncryptedColumn> {
  const outputs = new Map<string, EncryptedColumn>()
  if (QUERIES.has(root.kind)) new Analysis(codec, outputs).query(root, undefined, true)
  return outputs
}

class Analysis {
  constructor(
    private readonly codec: ColumnCodec,
    private readonly outputs: Map<string, EncryptedColumn>,
  ) {}

  query(
    node: OperationNode,
    outer: Scope | undefined,
    root: boolean,
    inSet = false,
  ): void {
    const scope = new Scope(this.codec, outer)
    const q = node as AnyQuery

    // Tables first, so every clause resolves against them.
    for (const item of q.from?.froms ?? []) scope.add(item)
    for (const join of q.joins ?? []) scope.add(join.table)
    scope.add(q.into)
    scope.add(q.table)
    scope.add(q.using?.table)
    for (const item of q.using?.tables ?? []) scope.add(item)
    // A MERGE's THEN UPDATE / INSERT has no table: names resolve through
    // the enclosing scope, the MERGE target.

    const set = inSet || (q.setOperations?.length ?? 0) > 0
    // `order by token` may name `access_token as token` of the SELECT list.
    const named = new Scope(this.codec, scope, this.named(q.selections, scope))
    for (const [key, value] of Object.entries(node)) {
      if (key === 'kind' || value === undefined) continue
      if (key === 'setOperations') {
        for (const op of value as { expression: OperationNode }[]) {
          this.query(op.expression, outer, false, true)
        }
      } else if (key === 'selections' || key === 'returning') {
        const list = key === 'returning'
          ? (value as { selections: readonly SelectionNode[] }).selections
          : (value as readonly SelectionNode[])
        for (const s of list) this.selection(s, scope, root && !set, set)
      } else if (key === 'updates') {
        this.updates(value as ColumnUpdateNode[], scope, node.kind === 'InsertQueryNode')
      } else if (key === 'onConflict') {
        this.onConflict(value as NonNullable<InsertQueryNode['onConflict']>, scope)
      } else if (key !== 'columns' && key !== 'into' && key !== 'table') {
        const where = OUTPUT_CLAUSES.has(key) ? named : scope
        this.visit(value, where, CLAUSES[key] ?? 'an expression')
      }
    }
  }

  selection(node: SelectionNode, scope: Scope, collect: boolean, set: boolean): void {
    const outputs = this.selected(node, scope)
    if (outputs === undefined) {
      this.visit(node.selection, scope, 'a SELECT expression')
      return
    }
    for (const [name, target] of outputs) this.output(name, target, collect, set)
  }

  /**
   * The result names and encrypted columns a selection outputs directly;
   * undefined when it is an expression to check instead.
   */
  selected(
    node: SelectionNode,
    scope: Scope,
  ): Array<[string, EncryptedColumn]> | undefined {
    const child = node.selection
    if (child.kind === 'SelectAllNode' || isTableStar(child)) {
      const tables = child.kind === 'SelectAllNode'
        ? scope.tables()
        : [scope.tableOf(tableStarAlias(child)) ?? ''].filter(Boolean)
      return tables.flatMap((table) =>
        (this.codec.tables[table] ?? []).map((column): [string, EncryptedColumn] =>
          [column, { table, column }]))
    }
    const inner = child.kind === 'AliasNode' ? (child as AliasNode).node : child
    const name = child.kind === 'AliasNode'
      ? identifier((child as AliasNode).alias)
      : columnName(child)
    const target = scope.resolve(inner)
    return target === undefined || name === undefined ? undefined : [[name, target]]
  }

  /** Output names of a SELECT list that hold encrypted columns. */
  named(
    selections: readonly SelectionNode[] | undefined,
    scope: Scope,
  ): Map<string, EncryptedColumn> {
    const names = new Map<string, EncryptedColumn>()
    for (const selection of selections ?? []) {
      for (const [name, target] of this.selected(selection, scope) ?? []) {
        names.set(name, target)
      }
    }
    return names
  }

  output(name: string, target: EncryptedColumn, collect: boolean, set: boolean): void {
    if (set) throw forbiddenUse(target, 'UNION / INTERSECT / EXCEPT')
    if (!collect) return
    const earlier = this.outputs.get(name)
    if (earlier && (earlier.table !== target.table || earlier.column !== target.column)) {
      throw forbiddenUse(target, `a result column also named "${name}"`)
    }
    this.outputs.set(name, target)
  }

  updates(updates: readonly ColumnUpdateNode[], scope: Scope, upsert: boolean): void {
    for (const update of updates) {
      const target = scope.resolve(update.column)
      const value = update.value
      if (target === undefined) {
        this.visit(value, scope, 'a SET value')
      } else if (value.kind !== 'ValueNode' && !(upsert && isExcluded(value, target))) {
        throw unusableValue(target)
      }
    }
  }

  onConflict(node: NonNullable<InsertQueryNode['onConflict']>, scope: Scope): void {
    for (const column of node.columns ?? []) {
      const target = scope.resolve(column)
      if (target) throw forbiddenUse(target, 'an ON CONFLICT target')
    }
    this.updates(node.updates ?? [], scope, true)
    for (const key of ['indexExpression', 'indexWhere', 'updateWhere'] as const) {
      this.visit(node[key], scope, CLAUSES[key]!)
    }
  }

  visit(value: unknown, scope: Scope, clause: string): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, scope, clause)
      return
    }
    if (!isNode(value) || LEAVES.has(value.kind)) return
    if (QUERIES.has(value.kind)) return this.query(value, scope, false)

    const target = scope.resolve(value)
    if (target) throw forbiddenUse(target, clause)
    // A reference that resolved to nothing encrypted is a leaf: its bare
    // column name must not be resolved again without its table.
    if (value.kind === 'ReferenceNode' || value.kind === 'ColumnNode') return
    if (value.kind === 'BinaryOperationNode' && isNullTest(value as BinaryOperationNode)) {
      const { leftOperand: left } = value as BinaryOperationNode
      if (scope.resolve(left)) return
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'kind') this.visit(child, scope, CLAUSES[key] ?? clause)
    }
  }
}

function isNode(value: unknown): value is OperationNode {
  return typeof value === 'object' && value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string'
}

/** `x is null` / `x is not null`: the one test that works on ciphertext. */
function isNullTest(node: BinaryOperationNode): boolean {
  const operator = (node.operator as { operator?: string }).operator
  const right = node.rightOperand as { kind: string; value?: unknown }
  return (operator === 'is' || operator === 'is not') &&
    right.kind === 'ValueNode' && right.value === null
}

/** `excluded.<same column>` in an upsert: already the encrypted value. */
function isExcluded(value: OperationNode, target: EncryptedColumn): boolean {
  const ref = value as ReferenceNode
  return value.kind === 'ReferenceNode' &&
    ref.table?.table.identifier.name === 'excluded' &&
    columnName(ref) === target.column
}

function isTableStar(node: OperationNode): boolean {
  return node.kind === 'ReferenceNode' &&
    (node as ReferenceNode).column.kind === 'SelectAllNode'
}

function tableStarAlias(node: OperationNode): string {
  return (node as ReferenceNode).table?.table.identifier.name ?? ''
}
