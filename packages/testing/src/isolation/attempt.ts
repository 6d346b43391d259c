import type { Queryable } from '../queryable'
import { findDatabaseError } from '../injection/sqlstate'
import { UsageError } from '../usage-error'
import type { TenantRunner } from './tenant-runner'

type QueryResult = Awaited<ReturnType<Queryable['query']>>

/** What an attempted operation did: its result, or the error that denied it. */
export type Attempt =
  | { readonly ok: true; readonly result: QueryResult }
  | { readonly ok: false; readonly error: unknown }

/**
 * Runs one statement as `tenant`. An error counts as a denial, except a
 * class 42 error other than 42501 (insufficient privilege): that means the
 * table, a column or the row factory is wrong, and the suite stops.
 */
export async function attempt(
  asTenant: TenantRunner,
  tenant: string,
  text: string,
  values: unknown[] = [],
): Promise<Attempt> {
  try {
    return { ok: true, result: await asTenant(tenant, (db) => db.query(text, values)) }
  } catch (error) {
    const code = findDatabaseError(error)?.code
    if (code !== undefined && code.startsWith('42') && code !== '42501') {
      throw new UsageError('runIsolationSuite', `a check failed with SQLSTATE ${code}`,
        'check the table name, tenantColumn, key and the columns row() returns ' +
          '(the database error is attached as cause)', error)
    }
    return { ok: false, error }
  }
}

/** Rows of `tenant` in a table, by key, as JSON text, read by the admin. */
export async function snapshot(
  admin: Queryable,
  text: string,
  tenant: string,
): Promise<Map<string, string>> {
  const { rows } = await admin.query(text, [tenant])
  return new Map(rows.map((r) => [String(r['key']), String(r['row'])]))
}
