import { sql, type Expression, type SqlBool } from 'kysely'
import { CryptoArgumentError } from '../errors/crypto-argument-error'
import { checkIdentifier, ref } from './identifier'

/**
 * The ordered, unique key a job walks a table by: one column, or several
 * compared as a row value, e.g. `(tenant_id, id)`.
 */
export interface RowKey {
  readonly columns: readonly string[]
  /**
   * True when the key was given as an array: cursors and reported keys
   * are then tuples (`[tenantId, id]`), otherwise single values.
   */
  readonly tuple: boolean
}

/** Checks the `primaryKey` option: a column name or a list of them. */
export function checkRowKey(option: unknown, caller: string): RowKey {
  if (!Array.isArray(option)) {
    return { columns: [checkIdentifier(option, 'primaryKey', caller)], tuple: false }
  }
  const columns = option.map((column: unknown, i) =>
    checkIdentifier(column, `primaryKey[${i}]`, caller))
  if (columns.length === 0 || new Set(columns).size !== columns.length) {
    throw new CryptoArgumentError(
      `${caller}: primaryKey must list one or more distinct columns.`,
      'Pass the columns of a unique, not-null key in index order, e.g. ' +
        "primaryKey: ['tenant_id', 'id'].",
    )
  }
  return { columns, tuple: true }
}

/**
 * Checks `after` against the key: undefined, a single value for a single
 * key, or a tuple with one non-null value per column. Returns the values.
 */
export function checkAfter(
  key: RowKey,
  after: unknown,
  caller: string,
): readonly unknown[] | undefined {
  if (after === undefined) return undefined
  const n = key.columns.length
  if (!key.tuple) {
    if (after !== null && !Array.isArray(after)) return [after]
  } else if (Array.isArray(after) && after.length === n &&
    after.every((value) => value !== null && value !== undefined)) {
    return after
  }
  throw new CryptoArgumentError(
    key.tuple
      ? `${caller}: after must be an array of ${n} values, one per ` +
        'primaryKey column, none of them null.'
      : `${caller}: after must be one value of the primaryKey column.`,
    'Pass the cursor of the last progress report or result unchanged, ' +
      'or leave after out to start from the first row.',
  )
}

/** The aliases under which the key columns are selected. */
export function keyAliases(key: RowKey): string[] {
  return key.columns.map((_, i) => `__pk${i}`)
}

/** A row's key values, in column order. */
export function keyValuesOf(key: RowKey, row: Record<string, unknown>): unknown[] {
  return key.columns.map((_, i) => row[`__pk${i}`])
}

/** A key as the caller sees it: a tuple or a single value. */
export function presentKey(key: RowKey, values: readonly unknown[]): unknown {
  return key.tuple ? [...values] : values[0]
}

/** `a > $1`, or the row comparison `(a, b) > ($1, $2)`. */
export function keyAfter(key: RowKey, values: readonly unknown[]): Expression<SqlBool> {
  return sql<SqlBool>`(${columnList(key)}) > (${sql.join(values)})`
}

/** `(a, b) in (($1, $2), ($3, $4), …)`. */
export function keyIn(
  key: RowKey,
  keys: ReadonlyArray<readonly unknown[]>,
): Expression<SqlBool> {
  const rows = keys.map((values) => sql`(${sql.join(values)})`)
  return sql<SqlBool>`(${columnList(key)}) in (${sql.join(rows)})`
}

function columnList(key: RowKey) {
  return sql.join(key.columns.map((column) => ref(column)))
}
