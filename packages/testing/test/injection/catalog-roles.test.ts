import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { diffCatalog } from '../../src/injection/catalog-diff'
import { fingerprintCatalog } from '../../src/injection/catalog-fingerprint'
import { injectionPayloads } from '../../src/injection/corpus/index'
import type { InjectionPayload } from '../../src/injection/payload'
import { rolesCreatedBy } from '../../src/injection/payload-roles'
import { runInjectionSuite } from '../../src/injection/run-injection-suite'
import { UsageError } from '../../src/usage-error'
import { createTenantDatabase, type TenantDatabase } from '../fixtures/tenant-database'

// Roles are cluster-wide: every role here starts with this unique prefix.
const prefix = `tk_testing_${randomBytes(5).toString('hex')}`
const role = (name: string): string => `${prefix}_${name}`
const ours = (line: string): boolean => line.includes(prefix)

let t: TenantDatabase
// Another session on the server, as another test suite would have.
let other: pg.Pool

beforeAll(async () => {
  t = await createTenantDatabase('testing_catalog_roles')
  other = new pg.Pool({ connectionString: inject('tenantkitPostgresUrl'), max: 1 })
  const existing = ['bystander', 'doomed', 'victim', 'app_owner', 'group', 'joiner']
  await other.query(existing.map((name) => `create role ${role(name)} nologin`).join(';'))
})

afterAll(async () => {
  await t?.close()
  const { rows } = await other.query<{ name: string }>(
    'select rolname as name from pg_roles where starts_with(rolname, $1)', [prefix])
  for (const { name } of rows) await other.query(`drop owned by "${name}"; drop role "${name}"`)
  await other.end()
})

const payload = (value: string): InjectionPayload => ({
  id: 'stacked/custom', category: 'stacked', target: 'value', value, intent: 'test',
})

describe('role names a payload creates', () => {
  test("the corpus's stacked payload creates tk_injected_role", () => {
    expect([...rolesCreatedBy(injectionPayloads())]).toEqual(['tk_injected_role'])
  })

  test('names are spelled as PostgreSQL stores them', () => {
    const names = rolesCreatedBy([
      payload("x'; CREATE USER Evil_One LOGIN; --"),
      payload(`x'; create group "Mixed""Case"; --`),
      payload("x'; ALTER ROLE app RENAME TO app_renamed; --"),
      payload("x' OR 'create' = 'role' --"),
    ])
    expect([...names].sort()).toEqual(['Mixed"Case', 'app_renamed', 'evil_one'])
  })
})

describe('diffCatalog with the default roles rule', () => {
  test('ignores roles another session creates, changes and drops', async () => {
    const before = await fingerprintCatalog(t.admin)
    const strictBefore = await fingerprintCatalog(t.admin, { roles: 'all' })
    await other.query(`create role ${role('fresh')} nologin`)
    await other.query(`grant ${role('fresh')} to ${role('bystander')}`)
    await other.query(`alter role ${role('fresh')} login createdb`)
    await other.query(`create role ${role('fresh_bypass')} nologin bypassrls`)
    await other.query(`drop role ${role('doomed')}`)
    const after = await fingerprintCatalog(t.admin)

    expect(diffCatalog(before, after).filter(ours)).toEqual([])
    const strict = diffCatalog(strictBefore, await fingerprintCatalog(t.admin, { roles: 'all' }))
    expect(strict.filter(ours)).toEqual([
      `+ role ${role('fresh')}`,
      `+ role ${role('fresh_bypass')}`,
      `- role ${role('doomed')}`,
      `~ role ${role('bystander')}: member-of= -> member-of=${role('fresh')}`,
    ])
  })

  test('lists what a payload could have done to roles', async () => {
    const before = await fingerprintCatalog(t.admin, { appRoles: [role('app_owner')] })
    expect(before.watchedRoles).toEqual(new Set([role('app_owner'), 'postgres']))
    await t.admin.query(`alter role ${role('victim')} superuser createdb;
      grant ${role('group')} to ${role('victim')};
      alter role ${role('group')} set row_security = off;
      drop role ${role('app_owner')};
      create role ${role('planted')} nologin;
      create role ${role('hidden')} nologin bypassrls;
      grant ${role('hidden')} to ${role('joiner')}`)
    const after = await fingerprintCatalog(t.admin)
    const created = [payload(`x'; CREATE ROLE ${role('planted')} NOLOGIN; --`)]

    expect(diffCatalog(before, after, { payloads: created }).filter(ours)).toEqual([
      `+ role ${role('planted')}`,
      `+ role-setting ${role('group')}`,
      `- role ${role('app_owner')}`,
      // A role from before joined a new BYPASSRLS role, whatever its name.
      `~ role ${role('joiner')}: member-of= -> member-of=${role('hidden')}`,
      `~ role ${role('victim')}: member-of= -> superuser createdb member-of=${role('group')}`,
    ])
    // With the corpus's names only, the planted role is someone else's.
    expect(diffCatalog(before, after)).not.toContain(`+ role ${role('planted')}`)
  })
})

describe('unusable options', () => {
  test('are refused with a fix', async () => {
    await expect(fingerprintCatalog(t.admin, { roles: 'some' as never }))
      .rejects.toThrow(/roles is "some".*Fix: pass 'payload'/)
    await expect(fingerprintCatalog(t.admin, { appRoles: [''] }))
      .rejects.toThrow(/appRoles is not a list of role names/)
    await expect(fingerprintCatalog({} as never)).rejects.toThrow(UsageError)
    expect(() => diffCatalog({} as never, new Map() as never)).toThrow(/must be fingerprints/)
    await expect(runInjectionSuite({
      name: 'x', call: async () => [], benign: 'a',
      catalog: { db: t.admin, roles: 'none' as never },
    })).rejects.toThrow(/runInjectionSuite: catalog: roles is "none"/)
  })
})
