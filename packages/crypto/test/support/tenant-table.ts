import { sql, type Kysely } from 'kysely'
import { openTestDatabase, type OpenedDb } from './database'

/** One row of `tenant_connections`, keyed by `(tenant_id, id)`. */
export interface TenantConnection {
  tenant_id: string
  id: number
  access_token: string | null
  plain_token: string | null
  encrypted_token: string | null
}

export interface TenantTableDb extends Omit<OpenedDb<unknown>, 'db'> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the jobs take any schema
  readonly db: Kysely<any>
}

/**
 * A fresh database with a table whose key is the tenant-scoped composite
 * `(tenant_id, id)` that @tenantkit/db recommends: every tenant numbers
 * its rows from 1, so ids repeat across tenants.
 */
export async function createTenantTable(
  serverUrl: string,
  prefix: string,
): Promise<TenantTableDb> {
  const opened = await openTestDatabase<unknown>(serverUrl, prefix)
  await sql`
    create table tenant_connections (
      tenant_id uuid not null,
      id int not null,
      access_token text,
      plain_token text,
      encrypted_token text,
      primary key (tenant_id, id)
    )`.execute(opened.db)
  return opened
}

const SEEDED = {
  access_token: sql.ref('access_token'),
  plain_token: sql.ref('plain_token'),
} as const

/** Inserts rows without plugins, `count` per tenant, ids 1..count in each. */
export async function insertRows(
  test: TenantTableDb,
  tenants: readonly string[],
  count: number,
  column: 'access_token' | 'plain_token',
  value: (tenantId: string, id: number) => string | null,
): Promise<void> {
  for (const tenantId of tenants) {
    const ids = Array.from({ length: count }, (_, i) => i + 1)
    const values = ids.map((id) => value(tenantId, id))
    await sql`
      insert into tenant_connections (tenant_id, id, ${SEEDED[column]})
      select ${tenantId}, id, v from unnest(${ids}::int[], ${values}::text[]) as t(id, v)
    `.execute(test.db)
  }
}

/** `tenant/id`, a map key for a row. */
export const rowId = (tenantId: string, id: number): string => `${tenantId}/${id}`
