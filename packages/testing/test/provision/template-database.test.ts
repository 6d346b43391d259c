import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { expect, inject, test } from 'vitest'
import { createTestDatabase } from '../../src/provision/database'
import { createTemplateDatabase } from '../../src/provision/template-database'
import { createGlobalSetup, type ProvideTarget } from '../../src/vitest-setup'

const serverUrl = inject('tenantkitPostgresUrl')

async function query<R extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<R>(text, values)).rows
  } finally {
    await client.end()
  }
}

async function migrate(url: string): Promise<void> {
  await query(url, `create table plans (id int primary key, name text not null);
    insert into plans values (1, 'free')`)
}

test('each clone starts from the migrated template and is isolated from the others', async () => {
  const template = await createTemplateDatabase(serverUrl, { migrate, prefix: 'testing_tpl' })
  const [a, b] = await Promise.all([
    template.clone({ prefix: 'testing_clone' }),
    createTestDatabase(serverUrl, { prefix: 'testing_clone', template: template.name }),
  ])
  try {
    await query(a.url, `insert into plans values (2, 'pro')`)
    expect(await query(a.url, 'select name from plans order by id'))
      .toEqual([{ name: 'free' }, { name: 'pro' }])
    expect(await query(b.url, 'select name from plans order by id'))
      .toEqual([{ name: 'free' }])

    // Marked as a template nobody connects to by accident.
    const [flags] = await query(serverUrl,
      'select datistemplate, datallowconn from pg_database where datname = $1',
      [template.name])
    expect(flags).toEqual({ datistemplate: true, datallowconn: false })
  } finally {
    await Promise.all([a.drop(), b.drop()])
    await template.drop()
  }
  expect(await query(serverUrl,
    'select datname from pg_database where datname = any($1)',
    [[template.name, a.name, b.name]])).toEqual([])
})

test('connections the migration leaves open do not block the clones', async () => {
  const leaked: pg.Client[] = []
  const template = await createTemplateDatabase(serverUrl, {
    migrate: async (url) => {
      const client = new pg.Client({ connectionString: url })
      client.on('error', () => {})
      await client.connect()
      await client.query('create table t (x int)')
      leaked.push(client)
    },
  })
  try {
    const copy = await template.clone()
    expect(await query(copy.url, 'select count(*)::int as n from t')).toEqual([{ n: 0 }])
    await copy.drop()
  } finally {
    await template.drop()
    await Promise.allSettled(leaked.map((c) => c.end()))
  }
})

test('a failing migration leaves no database behind and keeps the cause', async () => {
  const prefix = `testing_bad_${randomBytes(3).toString('hex')}`
  const failure = await createTemplateDatabase(serverUrl, {
    prefix,
    migrate: (url) => query(url, 'create tabel oops (x int)').then(() => {}),
  }).catch((error: unknown) => error)

  expect((failure as Error).message).toMatch(/migrating tk_testing_bad_\w+ failed/)
  expect((failure as Error).cause).toMatchObject({ code: '42601' })
  expect(await query(serverUrl,
    "select datname from pg_database where datname like 'tk_' || $1 || '_%'",
    [prefix])).toEqual([])
})

test('the global setup migrates one template per run and drops it at teardown', async () => {
  const provided = new Map<string, unknown>()
  const project: ProvideTarget = {
    provide: (key: string, value: unknown) => void provided.set(key, value),
  }
  const setup = createGlobalSetup({
    env: { TENANTKIT_TEST_DATABASE_URL: serverUrl },
    template: { migrate, prefix: 'testing_gs' },
  })
  const teardown = await setup(project)

  const name = provided.get('tenantkitTemplateDatabase')
  expect(provided.get('tenantkitPostgresUrl')).toBe(serverUrl)
  expect(name).toMatch(/^tk_testing_gs_[0-9a-f]{10}$/)
  const copy = await createTestDatabase(serverUrl, { template: name as string })
  expect(await query(copy.url, 'select name from plans')).toEqual([{ name: 'free' }])
  await copy.drop()

  await teardown()
  expect(await query(serverUrl,
    'select 1 from pg_database where datname = $1', [name])).toEqual([])
})

test('bad input is refused with a fix', async () => {
  await expect(createTemplateDatabase(serverUrl, {} as never))
    .rejects.toThrow(/migrate is not a function/)
  await expect(createTestDatabase(serverUrl, { template: 'x; drop' }))
    .rejects.toThrow(/template is not a plain lower-case database name/)
  expect(() => createGlobalSetup({ postgres: false, template: { migrate } }))
    .toThrow(/template needs postgres/)
})
