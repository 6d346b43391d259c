import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { injectionPayloads } from '../../src/injection/corpus/index'
import type { InjectionPayload } from '../../src/injection/payload'
import { runInjectionSuite } from '../../src/injection/run-injection-suite'
import { createSessionProbe } from '../../src/injection/session-probe'
import { safeRepository } from '../fixtures/notes-repository'
import { createTenantDatabase, type TenantDatabase } from '../fixtures/tenant-database'
import { expectSuiteFailure, tripped } from '../support/findings'

// Roles are cluster-wide: every role here starts with this unique prefix.
const prefix = `tk_testing_${randomBytes(5).toString('hex')}`
const role = (name: string): string => `${prefix}_${name}`

let t: TenantDatabase
// Another test suite on the same server, creating and dropping its roles.
let otherSuite: pg.Pool
// Logs in as the probe role, for the session probe.
let probe: pg.Pool

beforeAll(async () => {
  t = await createTenantDatabase('testing_roles')
  otherSuite = new pg.Pool({ connectionString: inject('tenantkitPostgresUrl'), max: 1 })
  const existing = ['bystander', 'doomed_a', 'doomed_b', 'victim', 'bypasser', 'reader', 'owner']
  await otherSuite.query(existing.map((name) => `create role ${role(name)} nologin`).join(';'))
  await otherSuite.query(`create role ${role('probe')} login`)
  const url = new URL(t.database.url)
  url.username = role('probe')
  probe = new pg.Pool({ connectionString: url.toString(), max: 1 })
  probe.on('error', () => {})
})

afterAll(async () => {
  await probe?.end()
  await t?.close()
  const { rows } = await otherSuite.query<{ name: string }>(
    "select rolname as name from pg_roles where starts_with(rolname, $1)", [prefix])
  for (const { name } of rows) {
    await otherSuite.query(`drop owned by "${name}"; drop role "${name}"`)
  }
  await otherSuite.end()
})

describe('roles other suites create, change and drop meanwhile', () => {
  /** What another suite does to its own roles while this one runs. */
  function churn(run: string): () => Promise<void> {
    let call = 0
    return async () => {
      const fresh = role(`${run}_churn_${call}`)
      // A role appears, a role from before joins it, then it changes.
      await otherSuite.query(`create role ${fresh} nologin`)
      await otherSuite.query(`grant ${fresh} to ${role('bystander')}`)
      await otherSuite.query(`alter role ${fresh} login createdb`)
      // A privileged role of its own, that nobody joins.
      await otherSuite.query(`create role ${fresh}_bypass nologin bypassrls`)
      // The roles of the call before go, and once, one from before the suite.
      if (call > 0) {
        const previous = role(`${run}_churn_${call - 1}`)
        await otherSuite.query(`drop role ${previous}; drop role ${previous}_bypass`)
      }
      if (call === 3) await otherSuite.query(`drop role ${role(`doomed_${run}`)}`)
      call += 1
    }
  }

  // Each call of the code under test happens while the other suite works.
  const suite = (roles?: 'all') => {
    const other = churn(roles === undefined ? 'a' : 'b')
    const safe = safeRepository(t.kysely)
    return runInjectionSuite({
      name: 'notes.findByTitle (safe, busy server)',
      call: async (input) => {
        await other()
        return safe.findByTitle(t.tenantA, input)
      },
      benign: 'alpha report',
      payloads: injectionPayloads({ categories: ['stacked', 'tautology', 'tenant-tampering'] }),
      catalog: roles === undefined ? t.admin : { db: t.admin, roles },
      session: createSessionProbe(t.app),
    })
  }

  test('do not trip the schema oracle by default', async () => {
    const report = await suite()
    expect(report.findings).toEqual([])
    expect(report.payloads).toBeGreaterThan(20)
  }, 60_000)

  test("trip it with roles: 'all', the strict rule", async () => {
    const error = await expectSuiteFailure(suite('all'))
    const schema = error.findings.filter((f) => f.oracle === 'schema')
    expect(schema.length).toBeGreaterThan(20)
    expect(schema.map((f) => f.detail).join('\n')).toContain(`+ role ${role('b_churn_')}`)
  }, 60_000)
})

describe('what a payload does to roles', () => {
  const stacked = (name: string, sql: string): InjectionPayload => ({
    id: `stacked/${name}`, category: 'stacked', target: 'value',
    value: `x'; ${sql}; --`, intent: name,
  })

  test('still trips the schema oracle by default', async () => {
    const error = await expectSuiteFailure(runInjectionSuite({
      name: 'notes lookup on the owner connection (string-built)',
      // DELIBERATELY VULNERABLE: an admin tool builds SQL from input and
      // runs it as the owner, so stacked statements reach the roles.
      call: async (input) => {
        await t.admin.query(`select id from notes where title = '${input}'`)
        return []
      },
      benign: 'alpha report',
      payloads: [
        stacked('create-role', `CREATE ROLE ${role('planted')} NOLOGIN`),
        stacked('superuser', `ALTER ROLE ${role('victim')} SUPERUSER`),
        stacked('bypassrls', `ALTER ROLE ${role('bypasser')} BYPASSRLS`),
        stacked('builtin-member', `GRANT pg_read_all_data TO ${role('reader')}`),
        stacked('drop-app-role', `DROP ROLE ${role('owner')}`),
        stacked('drop-other', `DROP ROLE ${role('bystander')}`),
        stacked('drop-probe-user', `DROP ROLE ${role('probe')}`),
      ],
      catalog: { db: t.admin, appRoles: [role('owner')] },
      session: createSessionProbe(probe),
    }))

    const schema = error.findings.filter((f) => f.oracle === 'schema')
    expect(schema.map((f) => `${f.payload.id}: ${f.detail}`)).toEqual([
      `stacked/create-role: + role ${role('planted')}`,
      `stacked/superuser: ~ role ${role('victim')}: member-of= -> superuser member-of=`,
      `stacked/bypassrls: ~ role ${role('bypasser')}: member-of= -> bypassrls member-of=`,
      `stacked/builtin-member: ~ role ${role('reader')}: member-of= -> ` +
        'member-of=pg_read_all_data',
      `stacked/drop-app-role: - role ${role('owner')}`,
      `stacked/drop-probe-user: - role ${role('probe')}`,
    ])
    // Dropping a role nobody named is what other suites do all day.
    expect(tripped(error)).not.toContain('stacked/drop-other schema')
  }, 60_000)
})
