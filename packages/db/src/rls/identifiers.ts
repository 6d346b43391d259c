import type { ConfigurationIssue } from '../errors/configuration-error'

/**
 * Names tenantkit accepts for schemas, tables, columns, roles, policies and
 * constraints: an unquoted-style identifier of at most 63 bytes. Mixed case
 * is allowed; the helpers always quote, so `Orders` stays `Orders`.
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/** A table named by its schema and its name. */
export interface QualifiedName {
  readonly schema: string
  readonly name: string
}

/** Whether `value` is an identifier the helpers accept. */
export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER.test(value)
}

/** Records an issue unless `value` is an identifier; returns it typed. */
export function checkIdentifier(
  value: unknown,
  path: string,
  issues: ConfigurationIssue[],
): string {
  if (isIdentifier(value)) return value
  issues.push({ path, message: identifierMessage(value) })
  return '_'
}

/**
 * Parses `'orders'` or `'app.orders'` into a schema and a table name,
 * recording an issue when either part is not an identifier.
 */
export function checkTableName(
  value: unknown,
  defaultSchema: string,
  path: string,
  issues: ConfigurationIssue[],
): QualifiedName {
  if (typeof value !== 'string') {
    issues.push({ path, message: identifierMessage(value) })
    return { schema: defaultSchema, name: '_' }
  }
  const parts = value.split('.')
  if (parts.length > 2) {
    issues.push({ path, message: "must be 'table' or 'schema.table'" })
    return { schema: defaultSchema, name: '_' }
  }
  const name = parts.length === 2 ? parts[1] : parts[0]
  const schema = parts.length === 2 ? parts[0] : defaultSchema
  return {
    schema: checkIdentifier(schema, path, issues),
    name: checkIdentifier(name, path, issues),
  }
}

/** Builds a derived name (index, policy) that still fits 63 bytes. */
export function derivedName(...parts: string[]): string {
  return parts.join('_').slice(0, 63)
}

function identifierMessage(value: unknown): string {
  const got =
    typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value
  return (
    'must be an identifier: a letter or underscore, then letters, digits ' +
    `or underscores, 63 characters at most (got ${got})`
  )
}
