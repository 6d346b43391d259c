import { compare, target } from '@tenantkit/bench'
import pg from 'pg'
import { createTestDatabase, type TestDatabase } from '../src/provision/database'
import { createTemplateDatabase } from '../src/provision/template-database'

/** A migration the size of a small real app: 30 tenant tables with RLS. */
function migrationSql(): string {
  const tables = Array.from({ length: 30 }, (_, i) => `
    create table t${i} (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null,
      name text not null,
      created_at timestamptz not null default now()
    );
    create index on t${i} (tenant_id, created_at);
    alter table t${i} enable row level security;
    alter table t${i} force row level security;
    create policy t${i}_tenant on t${i}
      using (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));`)
  return tables.join('\n')
}

async function migrate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(migrationSql())
  } finally {
    await client.end()
  }
}

/**
 * A fresh migrated database per test file: migrating an empty database
 * each time (baseline) against copying a template migrated once.
 */
export async function benchFreshDatabase(serverUrl: string): Promise<void> {
  const template = await createTemplateDatabase(serverUrl, { migrate, prefix: 'bench_tpl' })
  const created: TestDatabase[] = []
  try {
    const results = await compare('fresh migrated database per test file', [
      {
        name: 'create + migrate',
        run: async (ops) => {
          for (let i = 0; i < ops; i++) {
            const db = await createTestDatabase(serverUrl, { prefix: 'bench_fresh' })
            created.push(db)
            await migrate(db.url)
          }
        },
      },
      {
        name: 'clone template',
        run: async (ops) => {
          for (let i = 0; i < ops; i++) {
            created.push(await template.clone({ prefix: 'bench_clone' }))
          }
        },
      },
    ], { ops: 3, rounds: 3, unit: 'databases', metric: 'time' })
    target('clone vs migrate (time)', results[1]?.timeRatio ?? Number.NaN, '<=', 0.7)
  } finally {
    for (const db of created) await db.drop()
    await template.drop()
  }
}
