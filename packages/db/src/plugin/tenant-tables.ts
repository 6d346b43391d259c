import {
  AliasNode,
  IdentifierNode,
  ListNode,
  TableNode,
  type OperationNode,
} from 'kysely'

interface Entry {
  readonly schema: string | undefined
  readonly column: string
  readonly key: string
}

/** A tenant table found in a query: how to qualify its tenant column. */
export interface TenantTableRef {
  /** Registered table name, for error messages. */
  readonly table: string
  readonly column: string
  /** The alias if the query gave one, else the table itself. */
  readonly qualifier: TableNode
}

/**
 * Recognises registered tenant tables in table positions (`from`, joins,
 * `update`, `delete from`, `using`). Tables match by name; a schema on both
 * sides must agree. Unregistered tables and subqueries yield nothing.
 */
export class TenantTables {
  readonly #byName = new Map<string, Entry[]>()

  constructor(tables: ReadonlyMap<string, string>) {
    for (const [key, column] of tables) {
      const dot = key.indexOf('.')
      const name = dot === -1 ? key : key.slice(dot + 1)
      const entry = { schema: dot === -1 ? undefined : key.slice(0, dot), column, key }
      this.#byName.set(name, [...(this.#byName.get(name) ?? []), entry])
    }
  }

  /** The tenant table behind `node`, if it is one. */
  match(node: OperationNode | undefined): TenantTableRef | undefined {
    if (node === undefined) return undefined
    if (TableNode.is(node)) return this.#lookup(node, node)
    if (AliasNode.is(node) && TableNode.is(node.node) && IdentifierNode.is(node.alias)) {
      return this.#lookup(node.node, TableNode.create(node.alias.name))
    }
    return undefined
  }

  /** Every tenant table among `nodes` (a `ListNode` is flattened). */
  matchAll(nodes: ReadonlyArray<OperationNode> | undefined): TenantTableRef[] {
    const refs: TenantTableRef[] = []
    for (const node of nodes ?? []) {
      const items = ListNode.is(node) ? node.items : [node]
      for (const item of items) {
        const ref = this.match(item)
        if (ref) refs.push(ref)
      }
    }
    return refs
  }

  #lookup(table: TableNode, qualifier: TableNode): TenantTableRef | undefined {
    const name = table.table.identifier.name
    const schema = table.table.schema?.name
    const entry = this.#byName.get(name)?.find(
      (e) => e.schema === undefined || schema === undefined || e.schema === schema,
    )
    return entry && { table: entry.key, column: entry.column, qualifier }
  }
}
