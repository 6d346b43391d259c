import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { injectionPayloads } from '../../src/injection/corpus/index'
import { httpCall } from '../../src/injection/http-call'
import { runInjectionSuite } from '../../src/injection/run-injection-suite'
import { createSessionProbe } from '../../src/injection/session-probe'
import { UsageError } from '../../src/usage-error'
import { safeRepository, vulnerableRepository } from '../fixtures/notes-repository'
import { startNotesServer, type NotesServer } from '../fixtures/notes-server'
import { createTenantDatabase, type TenantDatabase } from '../fixtures/tenant-database'
import { expectSuiteFailure, tripped } from '../support/findings'

let t: TenantDatabase
let vulnerable: NotesServer
let safe: NotesServer

beforeAll(async () => {
  t = await createTenantDatabase('testing_inj_http')
  vulnerable = await startNotesServer(vulnerableRepository(t.kysely), { leakErrors: true })
  safe = await startNotesServer(safeRepository(t.kysely), { leakErrors: false })
})
afterAll(async () => {
  await Promise.all([vulnerable?.close(), safe?.close()])
  await t?.close()
})

function oracles() {
  return {
    canaries: [t.canaryB],
    catalog: { db: t.admin, roles: (name: string) => name === t.appRole },
    session: createSessionProbe(t.app),
  }
}

describe('GET /invoices?label=', () => {
  test('string-built behind HTTP: the report names the payload and the oracle', async () => {
    const error = await expectSuiteFailure(runInjectionSuite({
      name: 'GET /invoices (string-built)',
      call: httpCall({
        url: `${vulnerable.url}/invoices`,
        name: 'label',
        headers: { 'x-tenant-id': t.tenantA },
      }),
      benign: 'inv-a-1',
      payloads: injectionPayloads({ sleepSeconds: 1, tables: ['invoices'] }),
      slowMs: 700,
      ...oracles(),
    }))
    const found = tripped(error)
    expect(found).toContain('tautology/or-string canary')
    expect(found).toContain('error/extract-0 canary')
    expect(found).toContain('comment/hash sql-error')
    expect(found).toContain('time/stacked-sleep timing')
    expect(error.message).toContain('comment/hash (value) "x\' #"\n' +
      '    - sql-error: HTTP 500: the response body shows a PostgreSQL syntax')
  }, 180_000)

  test('with bound parameters and hidden errors, passes', async () => {
    const report = await runInjectionSuite({
      name: 'GET /invoices (safe)',
      call: httpCall({
        url: `${safe.url}/invoices`,
        name: 'label',
        headers: { 'x-tenant-id': t.tenantA },
      }),
      benign: 'inv-a-1',
      tables: ['invoices'],
      ...oracles(),
    })
    expect(report.findings).toEqual([])
  }, 120_000)
})

describe('GET /notes/search?term=', () => {
  test('unescaped LIKE behind HTTP returns more items than the benign search', async () => {
    const error = await expectSuiteFailure(runInjectionSuite({
      name: 'GET /notes/search (unescaped)',
      call: httpCall({
        url: `${vulnerable.url}/notes/search`,
        name: 'term',
        headers: { 'x-tenant-id': t.tenantA },
      }),
      benign: 'alpha',
      targets: ['like-pattern'],
      ...oracles(),
    }))
    expect(tripped(error)).toContain('like-wildcard/percent baseline')
  }, 60_000)
})

test('the tenant header itself can be the injection target', async () => {
  const report = await runInjectionSuite({
    name: 'x-tenant-id header (safe)',
    call: httpCall({
      url: `${safe.url}/notes?title=alpha%20report`,
      place: 'header',
      name: 'x-tenant-id',
    }),
    benign: t.tenantA,
    ...oracles(),
  })
  expect(report.findings).toEqual([])
}, 120_000)

test('payloads are aimed only at loopback unless the caller says otherwise', () => {
  expect(() => httpCall({ url: 'http://192.0.2.10/notes' })).toThrow(UsageError)
  expect(() => httpCall({ url: 'http://192.0.2.10/notes' })).toThrow(/not a loopback host/)
  expect(() => httpCall({ url: `${safe.url}/notes`, place: 'path' })).toThrow(/no \{input\}/)
})
