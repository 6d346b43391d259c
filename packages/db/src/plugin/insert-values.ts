import {
  ColumnNode,
  DefaultInsertValueNode,
  PrimitiveValueListNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  type InsertQueryNode,
  type OperationNode,
} from 'kysely'
import { TenantFilterError } from '../errors/tenant-filter-error'
import type { TenantTableRef } from './tenant-tables'

/**
 * Makes every inserted row carry the tenant: adds the tenant column when
 * the insert leaves it out, checks it when the insert sets it, and
 * refuses inserts whose rows it cannot see (insert ... select, defaults).
 */
export function checkInsert(
  query: InsertQueryNode,
  target: TenantTableRef,
  tenantId: string,
  sameTenant: (value: unknown) => boolean,
): InsertQueryNode {
  const values = query.values
  if (!values || !ValuesNode.is(values)) {
    throw new TenantFilterError(
      target.table,
      'insert without a VALUES list (insert ... select or default values) cannot be checked',
      'Insert explicit rows, or run this statement on the owner connection.',
    )
  }
  const columns = query.columns ?? []
  const index = columns.findIndex((c) => c.column.name === target.column)

  if (index === -1) {
    const rows = values.values.map((row) =>
      PrimitiveValueListNode.is(row)
        ? PrimitiveValueListNode.create([...row.values, tenantId])
        : ValueListNode.create([...row.values, ValueNode.create(tenantId)]),
    )
    return {
      ...query,
      columns: [...columns, ColumnNode.create(target.column)],
      values: ValuesNode.create(rows),
    }
  }

  const rows = values.values.map((row) => {
    if (PrimitiveValueListNode.is(row)) return row
    // A row that left the column out while others set it: fill it in.
    const cells = row.values.map((cell, i) =>
      i === index && DefaultInsertValueNode.is(cell) ? ValueNode.create(tenantId) : cell,
    )
    return ValueListNode.create(cells)
  })
  for (const row of rows) {
    const cell: unknown = row.values[index]
    const value = PrimitiveValueListNode.is(row) ? cell : literal(cell as OperationNode)
    if (value === NOT_A_VALUE) {
      throw new TenantFilterError(
        target.table,
        `insert sets ${target.column} to an expression that cannot be checked`,
        `Leave ${target.column} out (tenantkit fills it in) or pass the tenant id as a value.`,
      )
    }
    if (!sameTenant(value)) {
      throw new TenantFilterError(
        target.table,
        `insert sets ${target.column} to another tenant`,
        `Leave ${target.column} out (tenantkit fills it in) or use forTenant() for that tenant.`,
      )
    }
  }
  return { ...query, values: ValuesNode.create(rows) }
}

const NOT_A_VALUE = Symbol('not a value')

function literal(node: OperationNode | undefined): unknown {
  return node && ValueNode.is(node) ? node.value : NOT_A_VALUE
}
