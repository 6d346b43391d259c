import { sql, type RawBuilder } from 'kysely'
import { TenantkitError } from '../errors/tenantkit-error'

// Every name tenantkit writes into SQL passes one of these checks right
// here, where it is quoted: option validation reports problems earlier
// and more kindly, this is the last line of defense.
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/
const SETTING = /^[a-z_][a-z0-9_]{0,62}\.[a-z_][a-z0-9_]{0,62}$/

/**
 * Thrown when a name about to be quoted into SQL is not a plain
 * identifier. Option validation normally stops such names first.
 */
export class UnsafeNameError extends TenantkitError {
  override readonly name: string = 'UnsafeNameError'

  constructor(what: string) {
    super('unsafe_name', `Refused to write a ${what} into SQL: it is not a plain identifier.`, {
      fix:
        'Use names made of letters, digits and underscores (63 at most), ' +
        'starting with a letter or underscore.',
    })
  }
}

/** `"name"`: a quoted schema, table, role, policy, index or constraint. */
export function quoteName(name: string): RawBuilder<unknown> {
  if (!NAME.test(name)) throw new UnsafeNameError('name')
  return sql.id(name)
}

/** `"schema"."name"`. */
export function quoteQualified(schema: string, name: string): RawBuilder<unknown> {
  if (!NAME.test(schema) || !NAME.test(name)) throw new UnsafeNameError('qualified name')
  return sql.id(schema, name)
}

/** `"column"`, as a column reference. */
export function quoteColumn(column: string): RawBuilder<unknown> {
  if (!NAME.test(column)) throw new UnsafeNameError('column name')
  return sql.ref(column)
}

/** A comma-separated list of quoted columns. */
export function quoteColumns(columns: readonly string[]): RawBuilder<unknown> {
  return sql.join(columns.map((c) => quoteColumn(c)))
}

/**
 * `'app.tenant_id'` as a literal, for DDL (a policy cannot take bound
 * parameters). Only `prefix.name` settings of plain identifiers pass.
 */
export function settingLiteral(setting: string): RawBuilder<unknown> {
  if (!SETTING.test(setting)) throw new UnsafeNameError('setting name')
  return sql.lit(setting)
}

/** An integer as a literal, for DDL such as `connection limit`. */
export function integerLiteral(value: number): RawBuilder<unknown> {
  if (!Number.isSafeInteger(value)) throw new UnsafeNameError('number')
  return sql.lit(value)
}

/** Whether `name` passes the checks above. */
export function isPlainName(name: string): boolean {
  return NAME.test(name)
}

/** The `pg_catalog` type a tenant setting is cast to. */
export function castType(type: 'uuid' | 'int8' | 'text'): RawBuilder<unknown> {
  switch (type) {
    case 'int8':
      return sql`pg_catalog.int8`
    case 'text':
      return sql`pg_catalog.text`
    default:
      return sql`pg_catalog.uuid`
  }
}
