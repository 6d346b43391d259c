import { sql, type RawBuilder } from 'kysely'
import { CryptoArgumentError } from '../errors/crypto-argument-error'

// A column, or schema.table: letters, digits and underscores only.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/

/** Throws unless `name` is a plain (optionally schema-qualified) name. */
export function checkIdentifier(name: unknown, option: string, caller: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new CryptoArgumentError(
      `${caller}: ${option} must be a table or column name (letters, digits, ` +
        'underscores, optionally schema.name).',
      `Pass the name as the database spells it in ${option}.`,
    )
  }
  return name
}

/** `sql.ref` of a name checked against {@link IDENTIFIER}. */
export function ref(name: string): RawBuilder<unknown> {
  if (!IDENTIFIER.test(name)) {
    throw new CryptoArgumentError(
      `Not a table or column name: it must be letters, digits and underscores.`,
      'Pass names as the database spells them.',
    )
  }
  return sql.ref(name)
}
