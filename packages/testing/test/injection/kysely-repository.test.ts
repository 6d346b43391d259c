import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { injectionPayloads } from '../../src/injection/corpus/index'
import { runInjectionSuite } from '../../src/injection/run-injection-suite'
import { createSessionProbe } from '../../src/injection/session-probe'
import {
  safeRepository,
  vulnerableRepository,
  type NotesRepository,
} from '../fixtures/notes-repository'
import { createTenantDatabase, type TenantDatabase } from '../fixtures/tenant-database'
import { expectSuiteFailure, tripped } from '../support/findings'

let t: TenantDatabase
let vulnerable: NotesRepository
let safe: NotesRepository

beforeAll(async () => {
  t = await createTenantDatabase('testing_inj_kysely')
  // PostgreSQL 14 and older let every role create in public; some apps still do.
  await t.admin.query(`grant create on schema public to ${t.appRole}`)
  vulnerable = vulnerableRepository(t.kysely)
  safe = safeRepository(t.kysely)
})
afterAll(() => t.close())

/** Every oracle on: canaries of tenant B, the catalog, the app's one connection. */
function oracles() {
  return {
    canaries: [t.canaryB],
    catalog: {
      db: t.admin,
      roles: (name: string) => name === t.appRole || name.startsWith('tk_injected'),
    },
    session: createSessionProbe(t.app),
  }
}

// Vulnerable runs sleep 1 s per time-based payload to keep the file quick.
const quickSleep = { sleepSeconds: 1 } as const

describe('a WHERE clause built from strings', () => {
  test('fails, naming each payload with the oracle it tripped', async () => {
    const error = await expectSuiteFailure(runInjectionSuite({
      name: 'notes.findByTitle (string-built)',
      call: (input) => vulnerable.findByTitle(t.tenantA, input),
      benign: 'alpha report',
      payloads: injectionPayloads({ ...quickSleep, tables: ['invoices'] }),
      slowMs: 700,
      ...oracles(),
    }))
    const found = tripped(error)
    expect(found).toContain('tautology/or-string baseline')
    expect(found).toContain('comment/hash sql-error')
    expect(found).toContain('time/concat-sleep timing')
    expect(found).toContain('time/heavy-series timing')
    expect(found).toContain('stacked/create-table schema')
    expect(found).toContain('tenant-tampering/set-config-session session')
    expect(found).toContain('error/extract-0 canary')
    expect(found).toContain('error/cast-user sql-error')
    expect(error.message).toContain(
      `tautology/or-string (value) "' OR 'a'='a"\n` +
      '    - baseline: 3 rows or items; the benign input got 1')
    expect(error.message).toMatch(/\n {2}- canary: another tenant's row came back/)
  }, 180_000)

  test('written with bound parameters, passes every value payload', async () => {
    const report = await runInjectionSuite({
      name: 'notes.findByTitle (safe)',
      call: (input) => safe.findByTitle(t.tenantA, input),
      benign: 'alpha report',
      tables: ['invoices', 'notes'],
      ...oracles(),
    })
    expect(report.findings).toEqual([])
    expect(report.payloads).toBeGreaterThan(100)
  }, 120_000)
})

describe('an ORDER BY direction passed to sql.raw', () => {
  test('fails on syntax errors, sleeps and casts', async () => {
    const error = await expectSuiteFailure(runInjectionSuite({
      name: 'notes.listByPosition (sql.raw)',
      call: (input) => vulnerable.listByPosition(t.tenantA, input),
      benign: 'asc',
      targets: ['order-direction'],
      payloads: injectionPayloads({ ...quickSleep, targets: ['order-direction'] }),
      slowMs: 700,
      ...oracles(),
    }))
    const found = tripped(error)
    expect(found).toContain('order-by/word sql-error')
    expect(found).toContain('order-by/cast-error sql-error')
    expect(found).toContain('time/order-sleep timing')
  }, 60_000)

  test('checked against an allow-list, passes', async () => {
    const report = await runInjectionSuite({
      name: 'notes.listByPosition (allow-list)',
      call: (input) => safe.listByPosition(t.tenantA, input),
      benign: 'asc',
      targets: ['order-direction', 'identifier'],
      ...oracles(),
    })
    expect(report.findings).toEqual([])
  }, 60_000)
})

describe('a LIKE pattern with unescaped wildcards', () => {
  test('fails: a lone % returns every row of the tenant', async () => {
    const error = await expectSuiteFailure(runInjectionSuite({
      name: 'notes.searchTitles (unescaped)',
      call: (input) => vulnerable.searchTitles(t.tenantA, input),
      benign: 'alpha',
      targets: ['like-pattern'],
      ...oracles(),
    }))
    expect(tripped(error)).toEqual(expect.arrayContaining([
      'like-wildcard/percent baseline',
      'like-wildcard/underscore baseline',
    ]))
    expect(error.message).toContain('like-wildcard/percent (like-pattern) "%"')
  }, 60_000)

  test('with %, _ and \\ escaped, passes', async () => {
    const report = await runInjectionSuite({
      name: 'notes.searchTitles (escaped)',
      call: (input) => safe.searchTitles(t.tenantA, input),
      benign: 'alpha',
      targets: ['like-pattern', 'value'],
      ...oracles(),
    })
    expect(report.findings).toEqual([])
  }, 120_000)
})

describe('a table filtered by tenant only in application code', () => {
  test('string-built, leaks tenant B\'s canary to a tautology', async () => {
    const error = await expectSuiteFailure(runInjectionSuite({
      name: 'invoices.find (string-built)',
      call: (input) => vulnerable.findInvoices(t.tenantA, input),
      benign: 'inv-a-1',
      payloads: injectionPayloads({ categories: ['tautology', 'union'] }),
      ...oracles(),
    }))
    expect(tripped(error)).toContain('tautology/or-string canary')
    expect(error.message).toContain(`holds canary ${t.canaryB}`)
  })

  test('with bound parameters, passes', async () => {
    const report = await runInjectionSuite({
      name: 'invoices.find (safe)',
      call: (input) => safe.findInvoices(t.tenantA, input),
      benign: 'inv-a-1',
      tables: ['invoices'],
      ...oracles(),
    })
    expect(report.findings).toEqual([])
  }, 120_000)
})
