import {
  ColumnUpdateNode,
  InsertQueryNode,
  OnConflictNode,
  OperationNodeTransformer,
  PrimitiveValueListNode,
  type UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  type MergeQueryNode,
  type OperationNode,
  type QueryId,
} from 'kysely'
import type { ColumnCodec } from '../column/column-codec'
import { unusableValue } from './plugin-errors'
import { columnName, declaredTable, type EncryptedColumn } from './query-scope'

/**
 * Rewrites every INSERT, UPDATE, upsert and MERGE in a query tree, nested
 * ones included (data-modifying CTEs), so values bound for encrypted
 * columns become tokens. Sealed values this ring can decrypt keep their
 * token; `null` stays `null`.
 */
export class WriteEncryptor extends OperationNodeTransformer {
  readonly #codec: ColumnCodec
  readonly #tenantId: string | undefined

  constructor(codec: ColumnCodec, tenantId: string | undefined) {
    super()
    this.#codec = codec
    this.#tenantId = tenantId
  }

  protected override transformInsertQuery(
    node: InsertQueryNode,
    queryId?: QueryId,
  ): InsertQueryNode {
    const out = super.transformInsertQuery(node, queryId)
    const table = declaredTable(out.into, this.#codec)
    return table === undefined ? out : this.#insert(out, table)
  }

  protected override transformUpdateQuery(
    node: UpdateQueryNode,
    queryId?: QueryId,
  ): UpdateQueryNode {
    const out = super.transformUpdateQuery(node, queryId)
    const table = declaredTable(out.table, this.#codec)
    if (table === undefined || !out.updates) return out
    return withUpdates(out, this.#updates(out.updates, table))
  }

  protected override transformMergeQuery(
    node: MergeQueryNode,
    queryId?: QueryId,
  ): MergeQueryNode {
    const out = super.transformMergeQuery(node, queryId)
    const table = declaredTable(out.into, this.#codec)
    if (table === undefined || !out.whens) return out
    // THEN UPDATE / THEN INSERT carry no table of their own.
    const whens = out.whens.map((when) => {
      const result = when.result
      if (result?.kind === 'UpdateQueryNode') {
        const update = result as UpdateQueryNode
        const updates = this.#updates(update.updates ?? [], table)
        return { ...when, result: withUpdates(update, updates) }
      }
      if (result?.kind === 'InsertQueryNode') {
        return { ...when, result: this.#insert(result as InsertQueryNode, table) }
      }
      return when
    })
    return Object.freeze({ ...out, whens: Object.freeze(whens) })
  }

  #insert(node: InsertQueryNode, table: string): InsertQueryNode {
    const columns = (node.columns ?? []).map((c) => c.column.name)
    const targets = columns.map((column) =>
      this.#codec.isEncrypted(table, column) ? { table, column } : undefined,
    )
    let values = node.values
    const first = targets.find((t) => t !== undefined)
    if (values !== undefined && first !== undefined) {
      if (values.kind !== 'ValuesNode') throw unusableValue(first)
      values = ValuesNode.create(
        (values as ValuesNode).values.map((row) =>
          row.kind === 'PrimitiveValueListNode'
            ? PrimitiveValueListNode.create(
              row.values.map((v, i) => this.#encode(targets[i], v)),
            )
            : ValueListNode.create(
              row.values.map((v, i) => this.#encodeNode(targets[i], v)),
            ),
        ),
      )
    }
    const conflict = node.onConflict
    const onConflict = conflict?.updates
      ? OnConflictNode.cloneWith(conflict, {
        ...conflict,
        updates: this.#updates(conflict.updates, table),
      })
      : conflict
    return InsertQueryNode.cloneWith(node, {
      ...(values === undefined ? {} : { values }),
      ...(onConflict === undefined ? {} : { onConflict }),
    })
  }

  #updates(
    updates: readonly ColumnUpdateNode[],
    table: string,
  ): readonly ColumnUpdateNode[] {
    return updates.map((update) => {
      const column = columnName(update.column)
      if (column === undefined || !this.#codec.isEncrypted(table, column)) {
        return update
      }
      const target = { table, column }
      // excluded.<column> in an upsert already holds the encrypted value.
      if (update.value.kind === 'ReferenceNode') return update
      return ColumnUpdateNode.create(update.column, this.#encodeNode(target, update.value))
    })
  }

  #encodeNode(target: EncryptedColumn | undefined, node: OperationNode): OperationNode {
    if (target === undefined || node.kind === 'DefaultInsertValueNode') return node
    if (node.kind !== 'ValueNode') throw unusableValue(target)
    const { value, immediate } = node as ValueNode
    const token = this.#encode(target, value)
    return immediate ? ValueNode.createImmediate(token) : ValueNode.create(token)
  }

  #encode(target: EncryptedColumn | undefined, value: unknown): unknown {
    if (target === undefined || value === undefined) return value
    return this.#codec.encode({ ...target, tenantId: this.#tenantId }, value)
  }
}

/** The update with its SET list replaced (Kysely's clone appends). */
function withUpdates(
  node: UpdateQueryNode,
  updates: readonly ColumnUpdateNode[],
): UpdateQueryNode {
  return Object.freeze({ ...node, updates: Object.freeze([...updates]) })
}
