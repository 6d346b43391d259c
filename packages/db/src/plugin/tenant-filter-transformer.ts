import {
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  JoinNode,
  OnConflictNode,
  OnNode,
  OperationNodeTransformer,
  OperatorNode,
  ParensNode,
  ReferenceNode,
  ValueNode,
  WhereNode,
  type ColumnUpdateNode,
  type DeleteQueryNode,
  type InsertQueryNode,
  type MergeQueryNode,
  type OperationNode,
  type QueryId,
  type SelectQueryNode,
  type UpdateQueryNode,
} from 'kysely'
import { TenantFilterError } from '../errors/tenant-filter-error'
import { checkInsert } from './insert-values'
import type { TenantTableRef, TenantTables } from './tenant-tables'

const KEEPS_JOINED_ROWS: ReadonlySet<JoinNode['joinType']> = new Set(['RightJoin', 'FullJoin'])

/** Decides whether a literal names the current tenant. */
export type SameTenant = (value: unknown) => boolean

/**
 * Rewrites one query for one tenant: a tenant predicate on every tenant
 * table read, updated or deleted (joins on their ON clause, subqueries
 * and CTEs included), the tenant column set on INSERT, and an error for a
 * write that names another tenant or cannot be checked.
 */
export class TenantFilterTransformer extends OperationNodeTransformer {
  readonly #tables: TenantTables
  readonly #tenantId: string
  readonly #sameTenant: SameTenant

  constructor(tables: TenantTables, tenantId: string, sameTenant: SameTenant) {
    super()
    this.#tables = tables
    this.#tenantId = tenantId
    this.#sameTenant = sameTenant
  }

  protected override transformSelectQuery(
    node: SelectQueryNode,
    queryId?: QueryId,
  ): SelectQueryNode {
    const query = super.transformSelectQuery(node, queryId)
    const joins = this.#filterJoins(query.joins)
    const refs = [...this.#tables.matchAll(query.from?.froms), ...joins.rest]
    const where = this.#and(query.where, refs)
    return { ...query, ...(joins.nodes && { joins: joins.nodes }), ...(where && { where }) }
  }

  protected override transformUpdateQuery(
    node: UpdateQueryNode,
    queryId?: QueryId,
  ): UpdateQueryNode {
    const query = super.transformUpdateQuery(node, queryId)
    const targets = this.#tables.matchAll(query.table ? [query.table] : [])
    for (const target of targets) this.#checkUpdates(target, query.updates)
    const joins = this.#filterJoins(query.joins)
    const refs = [...targets, ...this.#tables.matchAll(query.from?.froms), ...joins.rest]
    const where = this.#and(query.where, refs)
    return { ...query, ...(joins.nodes && { joins: joins.nodes }), ...(where && { where }) }
  }

  protected override transformDeleteQuery(
    node: DeleteQueryNode,
    queryId?: QueryId,
  ): DeleteQueryNode {
    const query = super.transformDeleteQuery(node, queryId)
    const joins = this.#filterJoins(query.joins)
    const refs = [
      ...this.#tables.matchAll(query.from.froms),
      ...this.#tables.matchAll(query.using?.tables),
      ...joins.rest,
    ]
    const where = this.#and(query.where, refs)
    return { ...query, ...(joins.nodes && { joins: joins.nodes }), ...(where && { where }) }
  }

  protected override transformInsertQuery(
    node: InsertQueryNode,
    queryId?: QueryId,
  ): InsertQueryNode {
    const query = super.transformInsertQuery(node, queryId)
    const target = this.#tables.match(query.into)
    if (!target) return query

    const checked = checkInsert(query, target, this.#tenantId, this.#sameTenant)
    const conflict = checked.onConflict
    if (!conflict?.updates) return checked
    this.#checkUpdates(target, conflict.updates)
    // The conflicting row may belong to another tenant when a unique key
    // lacks the tenant column: never update it.
    const guarded = OnConflictNode.cloneWithUpdateWhere(conflict, this.#predicate(target))
    return { ...checked, onConflict: guarded }
  }

  protected override transformMergeQuery(node: MergeQueryNode, queryId?: QueryId): MergeQueryNode {
    const target = this.#tables.match(node.into)
    if (target) {
      throw new TenantFilterError(
        target.table,
        'MERGE into a tenant table cannot be checked',
        'Use insert ... on conflict, or update and insert statements.',
      )
    }
    // ON cannot filter a MERGE source: rows it rejects still reach WHEN NOT
    // MATCHED. A subquery source is filtered like any other select.
    const source = this.#tables.match(node.using?.table)
    if (source) {
      throw new TenantFilterError(
        source.table,
        'MERGE reading a tenant table as its source cannot be checked',
        'Use a subquery as the source: using((eb) => eb.selectFrom(...).as(...)).',
      )
    }
    return super.transformMergeQuery(node, queryId)
  }

  #checkUpdates(
    target: TenantTableRef,
    updates: ReadonlyArray<ColumnUpdateNode> | undefined,
  ): void {
    for (const update of updates ?? []) {
      if (columnName(update.column) !== target.column) continue
      const value = update.value
      if (!ValueNode.is(value)) {
        throw new TenantFilterError(
          target.table,
          `update sets ${target.column} to an expression that cannot be checked`,
          `Leave ${target.column} out of the update, or set it to the tenant id as a value.`,
        )
      }
      if (!this.#sameTenant(value.value)) {
        throw new TenantFilterError(
          target.table,
          `update sets ${target.column} to another tenant`,
          'Moving rows between tenants needs the owner connection, not forTenant().',
        )
      }
    }
  }

  // Inner and left joins of a tenant table get the predicate in their ON
  // clause (so a LEFT JOIN stays a left join). Joins without ON, and right
  // and full joins, which keep every row of the joined table whatever ON
  // says, get it in WHERE.
  #filterJoins(joins: ReadonlyArray<JoinNode> | undefined): {
    nodes: JoinNode[] | undefined
    rest: TenantTableRef[]
  } {
    const rest: TenantTableRef[] = []
    const nodes = joins?.map((join) => {
      const ref = this.#tables.match(join.table)
      if (!ref) return join
      if (!join.on || KEEPS_JOINED_ROWS.has(join.joinType)) {
        rest.push(ref)
        return join
      }
      const on = OnNode.create(AndNode.create(ParensNode.create(join.on.on), this.#predicate(ref)))
      return { ...join, on }
    })
    return { nodes, rest }
  }

  #and(where: WhereNode | undefined, refs: TenantTableRef[]): WhereNode | undefined {
    let filter: OperationNode | undefined = where && ParensNode.create(where.where)
    for (const ref of refs) {
      const predicate = this.#predicate(ref)
      filter = filter ? AndNode.create(filter, predicate) : predicate
    }
    return filter && WhereNode.create(filter)
  }

  #predicate(ref: TenantTableRef): OperationNode {
    return BinaryOperationNode.create(
      ReferenceNode.create(ColumnNode.create(ref.column), ref.qualifier),
      OperatorNode.create('='),
      ValueNode.create(this.#tenantId),
    )
  }
}

function columnName(node: OperationNode): string | undefined {
  if (ColumnNode.is(node)) return node.column.name
  if (ReferenceNode.is(node) && ColumnNode.is(node.column)) return node.column.column.name
  return undefined
}
