import type {
  AliasNode,
  ColumnNode,
  OperationNode,
  ReferenceNode,
  TableNode,
} from 'kysely'
import type { ColumnCodec } from '../column/column-codec'

/** An encrypted column a reference points at. */
export interface EncryptedColumn {
  readonly table: string
  readonly column: string
}

/** One table (or subquery) visible in a query, by the name queries use. */
interface ScopeEntry {
  readonly alias: string
  /** The declared table name, when the table has encrypted columns. */
  readonly table: string | undefined
}

/**
 * The tables a query can reference, chained to the enclosing query's for
 * correlated subqueries.
 */
export class Scope {
  readonly #entries: ScopeEntry[] = []

  /**
   * @param outputs - output names of the SELECT list that hold encrypted
   * columns, for clauses that resolve them (ORDER BY, GROUP BY).
   */
  constructor(
    private readonly codec: ColumnCodec,
    private readonly parent?: Scope | undefined,
    private readonly outputs?: ReadonlyMap<string, EncryptedColumn> | undefined,
  ) {}

  /** Adds a FROM / JOIN / INTO item: a table, aliased or not. */
  add(item: OperationNode | undefined): void {
    if (item === undefined) return
    if (item.kind === 'TableNode') {
      const node = item as TableNode
      const name = node.table.identifier.name
      this.#entries.push({ alias: name, table: this.declared(node) })
    } else if (item.kind === 'AliasNode') {
      const { node, alias } = item as AliasNode
      const name = identifier(alias) ?? ''
      const table = node.kind === 'TableNode'
        ? this.declared(node as TableNode)
        : undefined
      this.#entries.push({ alias: name, table })
    }
  }

  /** Declared tables of this query level (for `select *`). */
  tables(): string[] {
    return this.#entries.flatMap((e) => (e.table === undefined ? [] : [e.table]))
  }

  /** The declared table behind an alias or table name, if any. */
  tableOf(alias: string): string | undefined {
    const entry = this.#entries.find((e) => e.alias === alias)
    if (entry !== undefined) return entry.table
    return this.parent?.tableOf(alias)
  }

  /** The encrypted column a reference resolves to, if it does. */
  resolve(node: OperationNode): EncryptedColumn | undefined {
    const column = columnName(node)
    if (column === undefined) return undefined
    const qualifier = node.kind === 'ReferenceNode'
      ? (node as ReferenceNode).table?.table.identifier.name
      : undefined

    if (qualifier !== undefined) {
      const table = this.tableOf(qualifier)
      return table !== undefined && this.codec.isEncrypted(table, column)
        ? { table, column }
        : undefined
    }
    return this.#unqualified(column)
  }

  /** Any visible declared table with that encrypted column, innermost first. */
  #unqualified(column: string): EncryptedColumn | undefined {
    const output = this.outputs?.get(column)
    if (output !== undefined) return output
    for (const entry of this.#entries) {
      if (entry.table && this.codec.isEncrypted(entry.table, column)) {
        return { table: entry.table, column }
      }
    }
    return this.parent === undefined ? undefined : this.parent.#unqualified(column)
  }

  private declared(node: TableNode): string | undefined {
    return declaredTable(node, this.codec)
  }
}

/**
 * The declared name of a table (or aliased table) node: `schema.table` if
 * declared so, else the bare table name; undefined when not declared.
 */
export function declaredTable(
  node: OperationNode | undefined,
  codec: ColumnCodec,
): string | undefined {
  if (node?.kind === 'AliasNode') return declaredTable((node as AliasNode).node, codec)
  if (node?.kind !== 'TableNode') return undefined
  const { identifier: id, schema } = (node as TableNode).table
  const qualified = schema === undefined ? undefined : `${schema.name}.${id.name}`
  if (qualified !== undefined && Object.hasOwn(codec.tables, qualified)) return qualified
  return Object.hasOwn(codec.tables, id.name) ? id.name : undefined
}

/** The column name of a ColumnNode or a column ReferenceNode. */
export function columnName(node: OperationNode): string | undefined {
  if (node.kind === 'ColumnNode') return (node as ColumnNode).column.name
  if (node.kind !== 'ReferenceNode') return undefined
  const column = (node as ReferenceNode).column
  return column.kind === 'ColumnNode' ? column.column.name : undefined
}

/** The name of an IdentifierNode alias. */
export function identifier(node: OperationNode): string | undefined {
  return node.kind === 'IdentifierNode'
    ? (node as { readonly name: string } & OperationNode).name
    : undefined
}
