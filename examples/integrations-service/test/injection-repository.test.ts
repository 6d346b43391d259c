import { randomUUID } from 'node:crypto'
import { createDatabase, type TenantDatabase } from '@tenantkit/db'
import {
  createCanary,
  createSessionProbe,
  kyselyQueryable,
  runInjectionSuite,
  type Outcome,
  type PayloadTarget,
} from '@tenantkit/testing'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { TENANT_TABLES, type Database } from '../src/db/schema'
import {
  findIntegration,
  listIntegrations,
  type IntegrationPage,
  saveIntegration,
} from '../src/repo/integrations-repo'
import type { ListQuery } from '../src/repo/list-query'
import { authenticateApiKey, createTenant } from '../src/repo/tenants-repo'
import { createTokenEncryption } from '../src/tokens/token-encryption'
import { createMigratedDatabase, type TestDatabase } from './support/test-database'

let database: TestDatabase
let db: TenantDatabase<Database>
const a = randomUUID()
const b = randomUUID()
let canary: string

const tokens = () => ({
  accessToken: `crm_at_${randomUUID()}`, refreshToken: `crm_rt_${randomUUID()}`,
  fingerprint: 'sha256:000000000000', expiresAt: new Date(),
})

beforeAll(async () => {
  database = await createMigratedDatabase(inject('tenantkitPostgresUrl'))
  const { plugin } = createTokenEncryption([
    'dGVuYW50a2l0LXRlc3Qta2V5LWZvci1pbmplY3Rpb24=',
  ])
  // One connection: the session probe reads the very one the calls used.
  db = createDatabase<Database>({
    url: database.runtimeUrl, max: 1, tenantTables: TENANT_TABLES,
    plugins: [plugin],
  })
  canary = createCanary('tenant_b')
  await createTenant(db.forTenant(a), a, 'Attacker')
  await createTenant(db.forTenant(b), b, 'Victim')
  const save = (tenant: string, accountName: string) =>
    saveIntegration(db.forTenant(tenant), { provider: 'crm', accountName }, tokens())
  await save(a, 'Acme Sales')
  await save(a, 'Acme Support')
  await save(b, `Acme ${canary}`)
})
afterAll(async () => {
  await db?.close()
  await database?.drop()
})

const query = (change: Partial<ListQuery>): ListQuery => ({
  q: undefined, sort: 'createdAt', order: 'desc', limit: 20, cursor: undefined,
  ...change,
})

// Repository functions take input the routes have validated, but must be
// safe on their own: here they get every payload directly.
type Call = (input: string) => Promise<unknown>

/**
 * A keyset cursor legitimately selects a range of the tenant's OWN rows
 * (at most its two); errors are left to the harness's default rule.
 */
const ownRowsOnly = (outcome: Outcome<unknown>) => outcome.kind === 'value'
  ? (outcome.value as IntegrationPage).items.length <= 2
  : undefined

const calls: [string, PayloadTarget[], string, Call, typeof ownRowsOnly?][] = [
  ['listIntegrations q', ['value', 'like-pattern'], 'Sales',
    (q) => listIntegrations(db.forTenant(a), query({ q }))],
  ['listIntegrations cursor value', ['value'], 'Acme Sales',
    (value) => listIntegrations(db.forTenant(a), query({
      sort: 'accountName', cursor: { value, id: randomUUID() },
    })), ownRowsOnly],
  ['findIntegration id', ['value'], randomUUID(),
    (id) => findIntegration(db.forTenant(a), id)],
  ['authenticateApiKey', ['value'], `tk_${a}_${'x'.repeat(43)}`,
    (key) => authenticateApiKey(key, (t) => db.forTenant(t))],
]

for (const [name, targets, benign, call, accept] of calls) {
  test(`${name}: payloads stay data`, async () => {
    const report = await runInjectionSuite({
      name,
      call,
      benign,
      targets,
      canaries: [canary],
      // Roles are cluster-wide and other suites create theirs in parallel:
      // compare this database's objects and our own role only.
      catalog: {
        db: database.ownerPool,
        roles: (name) => name === database.runtimeRole,
      },
      session: createSessionProbe(kyselyQueryable(db.withoutTenant())),
      tables: [...TENANT_TABLES],
      ...(accept ? { accept } : {}),
    })
    expect(report.findings).toEqual([])
  }, 120_000)
}
