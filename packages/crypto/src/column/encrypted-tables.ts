import { CryptoArgumentError } from '../errors/crypto-argument-error'

/**
 * Encrypted columns by table: `{ crm_connections: ['access_token'] }`.
 * Table names are as queries spell them; columns hold text tokens.
 */
export type EncryptedTables = Readonly<Record<string, readonly string[]>>

const NAME = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/

/** Validates the declaration and returns a frozen copy. */
export function checkTables(tables: unknown, caller: string): EncryptedTables {
  const problem = (what: string) =>
    new CryptoArgumentError(
      `${caller}: tables ${what}.`,
      "Pass tables such as { crm_connections: ['access_token', 'refresh_token'] }.",
    )
  if (typeof tables !== 'object' || tables === null || Array.isArray(tables)) {
    throw problem('must be an object of table name to column names')
  }
  const entries = Object.entries(tables as Record<string, unknown>)
  if (entries.length === 0) throw problem('must declare at least one table')

  const copy: Record<string, readonly string[]> = {}
  for (const [table, columns] of entries) {
    if (!NAME.test(table)) throw problem(`has an invalid table name "${table}"`)
    if (!Array.isArray(columns) || columns.length === 0) {
      throw problem(`.${table} must be a non-empty array of column names`)
    }
    for (const column of columns) {
      if (typeof column !== 'string' || !NAME.test(column) || column.includes('.')) {
        throw problem(`.${table} has an invalid column name`)
      }
    }
    copy[table] = Object.freeze([...new Set(columns as string[])])
  }
  return Object.freeze(copy)
}
