import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { IsolationSuiteError } from '../../src/isolation/isolation-report'
import { kyselyQueryable } from '../../src/isolation/kysely-queryable'
import type { TenantTable } from '../../src/isolation/isolation-options'
import { runIsolationSuite } from '../../src/isolation/run-isolation-suite'
import { createPgTenantRunner, type TenantRunner } from '../../src/isolation/tenant-runner'
import { UsageError } from '../../src/usage-error'
import { createTenantDatabase, type TenantDatabase } from '../fixtures/tenant-database'

let t: TenantDatabase
beforeAll(async () => {
  t = await createTenantDatabase('testing_iso')
})
afterAll(() => t?.close())

const notes: TenantTable = {
  name: 'notes',
  row: () => ({ title: `note ${randomUUID()}`, position: 1 }),
}
const projects: TenantTable = { name: 'public.projects', row: () => ({ name: randomUUID() }) }
/** The table whose policy was forgotten. */
const invoices: TenantTable = { name: 'invoices', row: () => ({ label: randomUUID() }) }

async function expectIsolationFailure(suite: Promise<unknown>): Promise<IsolationSuiteError> {
  const outcome = await suite.then(() => 'passed', (error: unknown) => error)
  expect(outcome).toBeInstanceOf(IsolationSuiteError)
  return outcome as IsolationSuiteError
}

function checks(error: IsolationSuiteError): string[] {
  return error.findings.map((f) => `${f.table ?? '*'} ${f.check}`)
}

describe('row-level security with transaction-local settings', () => {
  test('passes every check, including random interleavings', async () => {
    const report = await runIsolationSuite({
      tables: [notes, projects],
      asTenant: createPgTenantRunner(t.app),
      admin: t.admin,
      pool: t.app,
      interleavings: { runs: 15 },
    })
    expect(report.findings).toEqual([])
    expect(report.interleavings).toBe(15)
  }, 60_000)

  test('passes through a Kysely transaction too', async () => {
    const asTenant: TenantRunner = (tenant, work) =>
      t.kysely.transaction().execute(async (trx) => {
        await sql`select set_config('app.tenant_id', ${tenant}, true)`.execute(trx)
        return work(kyselyQueryable(trx))
      })
    const report = await runIsolationSuite({
      tables: [notes], asTenant, admin: t.admin, pool: t.app, interleavings: { runs: 5 },
    })
    expect(report.findings).toEqual([])
  }, 60_000)
})

test('a table missing its policy fails read, update, insert, delete and unchanged', async () => {
  const error = await expectIsolationFailure(runIsolationSuite({
    tables: [notes, invoices],
    asTenant: createPgTenantRunner(t.app),
    admin: t.admin,
    pool: t.app,
    interleavings: false,
  }))
  expect(checks(error)).toEqual([
    'invoices read', 'invoices update', 'invoices update', 'invoices insert',
    'invoices delete', 'invoices unchanged',
  ])
  const [a] = error.report.tenants
  expect(error.message).toContain(`tenant A = ${a}`)
  expect(error.message).toContain('invoices: read: tenant A read')
  expect(error.message)
    .toContain("invoices: unchanged: tenant B's rows changed: 2 deleted, 1 added")
  expect(error.message).toContain('add WITH CHECK (tenant column = tenant setting)')
}, 60_000)

test('a session-level SET leaks across the pool and is caught', async () => {
  // The classic mistake: SET (or set_config(..., false)) outside a transaction.
  const leaky: TenantRunner = async (tenant, work) => {
    // eslint-disable-next-line tenantkit/no-session-tenant-setting -- the bug under test
    await t.app.query("select set_config('app.tenant_id', $1, false)", [tenant])
    return work(t.app)
  }
  try {
    const error = await expectIsolationFailure(runIsolationSuite({
      tables: [notes], asTenant: leaky, admin: t.admin, pool: t.app,
      interleavings: { runs: 30 },
    }))
    expect(checks(error)).toEqual(['notes pool', '* interleaving'])
    expect(error.message).toMatch(
      /a query with no tenant on the same pool saw \d+ row\(s\) of tenant [AB]: the tenant setting/)
    // Depending on the shrunk schedule: a query with no tenant saw rows, or
    // one tenant's operation ran with the other's leftover setting.
    expect(error.message).toMatch(/interleaving: .*(saw|reached) \d+ row/)
  } finally {
    // Undo the leak so later tests start clean.
    // eslint-disable-next-line tenantkit/no-session-tenant-setting -- clearing, not setting
    await t.app.query("select set_config('app.tenant_id', '', false)")
  }
}, 60_000)

test('a tenant in a shared variable crosses only under concurrency', async () => {
  // The tenant lives in module state instead of the request's context.
  let current = ''
  const safe = createPgTenantRunner(t.app)
  const racy: TenantRunner = async (tenant, work) => {
    current = tenant
    await new Promise((resolve) => setImmediate(resolve))
    return safe(current, work)
  }
  const error = await expectIsolationFailure(runIsolationSuite({
    tables: [notes], asTenant: racy, admin: t.admin, pool: t.app,
    interleavings: { runs: 50 },
  }))
  expect(checks(error)).toEqual(['* interleaving'])
  expect(error.message).toMatch(/shrunk to \[.*\]/)
  expect(error.message).toMatch(/replay with interleavings: \{ seed: -?\d+ \}/)
}, 120_000)

test('bad options are refused with a fix', async () => {
  const base = { asTenant: createPgTenantRunner(t.app), admin: t.admin }
  await expect(runIsolationSuite({ ...base, tables: [] })).rejects.toThrow(UsageError)
  await expect(runIsolationSuite({ ...base, tables: [{ name: 'notes; drop', row: () => ({}) }] }))
    .rejects.toThrow(/"notes; drop" is not a plain name/)
  await expect(runIsolationSuite({ ...base, tables: [notes], tenants: ['x', 'x'] }))
    .rejects.toThrow(/two different non-empty strings/)
  await expect(runIsolationSuite({ ...base, tables: [{ name: 'nope', row: () => ({ a: 1 }) }] }))
    .rejects.toThrow(/SQLSTATE 42P01/)
})
