import { randomBytes, randomUUID } from 'node:crypto'
import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import type { Generated } from 'kysely'
import pg from 'pg'

/** The tables of the fixture schema, as Kysely sees them. */
export interface FixtureDB {
  orders: {
    tenant_id: string
    id: Generated<string>
    ref: string
    label: string
    amount: Generated<number>
  }
  order_notes: {
    tenant_id: string
    id: Generated<string>
    order_id: string
    body: string
  }
  plans: {
    code: string
    price: number
  }
}

/** A fresh database, its superuser URL and a least-privilege runtime role. */
export interface TenantFixture {
  readonly database: TestDatabase
  /** Superuser URL of the fixture database (for setup and inspection). */
  readonly adminUrl: string
  /** URL logging in as the NOSUPERUSER NOBYPASSRLS runtime role. */
  readonly runtimeUrl: string
  readonly runtimeRole: string
  /** A login role with no grants, member of the runtime role (a pooler user). */
  readonly poolerUrl: string
  readonly tenantA: string
  readonly tenantB: string
  /** Runs SQL as the superuser. */
  admin<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>
  drop(): Promise<void>
}

// The policy reads the setting once per statement and fails closed when it
// is unset or empty (DESIGN.md fact 2).
const TENANT = "(select nullif(current_setting('app.tenant_id', true), '')::uuid)"

const SCHEMA = (roleName: string): string => {
  const role = pg.escapeIdentifier(roleName)
  return `
  create table orders (
    tenant_id uuid not null,
    id bigserial,
    ref text not null,
    label text not null,
    amount int not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, ref)
  );
  create table order_notes (
    tenant_id uuid not null,
    id bigserial,
    order_id bigint not null,
    body text not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, order_id) references orders (tenant_id, id)
  );
  create table plans (code text primary key, price int not null);
  insert into plans values ('basic', 10), ('pro', 50);
${['orders', 'order_notes'].map((t) => `
  alter table ${t} enable row level security;
  alter table ${t} force row level security;
  create policy tenant_isolation on ${t}
    using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT});
  create index on ${t} (tenant_id);`).join('\n')}
  grant select, insert, update, delete on orders, order_notes to ${role};
  grant select on plans to ${role};
  grant usage on all sequences in schema public to ${role};
`
}

/**
 * Creates a database with two RLS-protected tenant tables, a shared table
 * and a unique least-privilege runtime role (roles are cluster-global).
 */
export async function createTenantFixture(
  serverUrl: string,
  prefix: string,
): Promise<TenantFixture> {
  const database = await createTestDatabase(serverUrl, { prefix })
  const suffix = randomBytes(5).toString('hex')
  const runtimeRole = `tk_db_rt_${suffix}`
  const poolerRole = `tk_db_pool_${suffix}`
  const admin = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      return (await client.query<R>(text, values)).rows
    } finally {
      await client.end()
    }
  }

  // Roles cannot be bound parameters: quote the (random) names instead.
  const runtime = pg.escapeIdentifier(runtimeRole)
  const pooler = pg.escapeIdentifier(poolerRole)
  const drop = async (): Promise<void> => {
    await database.drop()
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    try {
      await client.query(`drop role if exists ${pooler}`)
      await client.query(`drop role if exists ${runtime}`)
    } finally {
      await client.end()
    }
  }
  try {
    await admin(`create role ${runtime} login nosuperuser nobypassrls noinherit`)
    await admin(`create role ${pooler} login nosuperuser nobypassrls noinherit`)
    await admin(`grant ${runtime} to ${pooler}`)
    await admin(SCHEMA(runtimeRole))
  } catch (error) {
    // Roles are cluster-wide: never leave them behind a failed setup.
    await drop()
    throw error
  }

  const urlFor = (user: string): string => {
    const url = new URL(database.url)
    url.username = user
    url.password = ''
    return url.toString()
  }
  return {
    database,
    adminUrl: database.url,
    runtimeUrl: urlFor(runtimeRole),
    runtimeRole,
    poolerUrl: urlFor(poolerRole),
    tenantA: randomUUID(),
    tenantB: randomUUID(),
    admin,
    drop,
  }
}
