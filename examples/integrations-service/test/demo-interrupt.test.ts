import pg from 'pg'
import { expect, inject, test } from 'vitest'
import { runScript } from './support/run-script'

// A newcomer who presses Ctrl-C during the demo must not be left with a
// database and a LOGIN role on their server.
test('an interrupted demo still drops its database and its role', async () => {
  const serverUrl = inject('tenantkitPostgresUrl')
  const running = runScript('scripts/demo.ts', [], { DATABASE_URL: serverUrl })
  await running.waitFor('[2] Two tenants are created')
  const match = /database (integrations_demo_([0-9a-f]+))/
    .exec(running.stdout())
  const [, database, suffix] = match ?? []
  expect(database).toBeDefined()
  running.child.kill('SIGINT')
  const result = await running.done
  expect(result.code).toBe(130)
  expect(result.stderr).toContain('Demo interrupted (SIGINT)')

  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const found = await client.query(
      `select (select count(*)::int from pg_database where datname = $1) as dbs,
              (select count(*)::int from pg_roles where rolname = $2) as roles`,
      [database, `tk_demo_${suffix}`])
    expect(found.rows[0]).toEqual({ dbs: 0, roles: 0 })
  } finally {
    await client.end()
  }
}, 120_000)

