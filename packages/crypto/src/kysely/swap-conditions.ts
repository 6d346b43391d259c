import { createHash, randomBytes } from 'node:crypto'
import { sql, type Expression, type SqlBool } from 'kysely'
import { ref } from './identifier'

/**
 * The compare-and-swap condition for a value that is not secret (a
 * token, NULL): `column = $1`, or `column is null`.
 */
export function stillHolds(column: string, value: unknown): Expression<SqlBool> {
  return value === null
    ? sql<SqlBool>`${ref(column)} is null`
    : sql<SqlBool>`${ref(column)} = ${value}`
}

/**
 * The compare-and-swap condition for a plaintext secret, which must never
 * be a bound parameter (statement and parameter logs would record it).
 * The server hashes what the column holds and compares digests:
 * `sha256(convert_to(col, 'UTF8') || $salt) = $digest` for text,
 * `sha256(col || $salt) = $digest` for bytea. The salt is random per
 * write, so logged digests cannot be matched across rows or against a
 * precomputed table. Needs PostgreSQL 11 or later (`sha256()`).
 */
export function stillHoldsSecret(
  column: string,
  plaintext: string | Uint8Array,
): Expression<SqlBool> {
  const text = typeof plaintext === 'string'
  const bytes = text ? Buffer.from(plaintext, 'utf8') : plaintext
  const salt = randomBytes(16)
  const digest = createHash('sha256').update(bytes).update(salt).digest()
  const stored = text
    ? sql`convert_to(${ref(column)}::text, 'UTF8')`
    : sql`${ref(column)}`
  return sql<SqlBool>`sha256(${stored} || ${salt}::bytea) = ${digest}::bytea`
}
