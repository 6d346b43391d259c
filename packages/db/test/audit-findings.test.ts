import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import {
  AUDIT_FINDING_CODES,
  auditTenantIsolation,
  ConfigurationError,
  type AuditReport,
} from '../src/index'
import { connect, dropRoles, roleId, uniqueRoleName } from './fixtures/audit/support'
import { buildWeakSchema, EXPECTED_FINDINGS } from './fixtures/audit/weak-schema'

const serverUrl = inject('tenantkitPostgresUrl')
const runtime = uniqueRoleName('weak_rt')
const other = uniqueRoleName('weak_other')
const weakling = uniqueRoleName('weakling')
const bypasser = uniqueRoleName('bypasser')
const group = uniqueRoleName('group')
let database: TestDatabase
let db: Kysely<unknown>

beforeAll(async () => {
  database = await createTestDatabase(serverUrl, { prefix: 'db_audit_weak' })
  db = connect(database.url)
  await buildWeakSchema(db, { runtime, other })
})

afterAll(async () => {
  await db?.destroy()
  await database?.drop()
  await dropRoles(serverUrl, [runtime, other, weakling, bypasser, group])
})

const codesAndObjects = (report: AuditReport): string[] =>
  report.findings.map((f) => `${f.code} ${f.object}`).sort()

const audit = (role: string, extra: object = {}) =>
  auditTenantIsolation(db, { role, tables: ['legacy_accounts'], ...extra })

describe('auditTenantIsolation on a schema with every weakness', () => {
  test('reports each weakness exactly once, and nothing else', async () => {
    const report = await audit(runtime)
    expect(codesAndObjects(report)).toEqual([...EXPECTED_FINDINGS].sort())
    expect(report.role).toBe(runtime)
    expect(report.tenantTables).toEqual(expect.arrayContaining([
      'public.events', 'public.events_2024', 'public.events_2025', 'public.legacy_accounts',
    ]))
    expect(report.tenantTables).not.toContain('public.global_notes')
  })

  test('every finding carries its severity, kind, table, message and fix', async () => {
    const report = await audit(runtime)
    for (const f of report.findings) {
      expect(f.severity).toBe(AUDIT_FINDING_CODES[f.code].severity)
      expect(f.message.length).toBeGreaterThan(20)
      expect(f.fix).toMatch(/;|^--/m)
    }
    const bypass = report.findings.find((f) => f.object === 'public.or_bypass.or_bypass_p')
    expect(bypass).toMatchObject({ kind: 'policy', table: 'public.or_bypass' })
    expect(bypass?.fix).toContain('drop policy "or_bypass_p" on "public"."or_bypass";')
    const partition = report.findings.find(
      (f) => f.code === 'rls-disabled' && f.object === 'public.events_2025',
    )
    expect(partition?.message).toContain('partition (or child) of public.events')
    const unique = report.findings.find((f) => f.object === 'public.users_handle_idx')
    expect(unique).toMatchObject({ kind: 'index', table: 'public.users' })
  })

  test('findings come worst first', async () => {
    const { findings } = await audit(runtime)
    const order = ['critical', 'high', 'medium', 'low']
    const ranks = findings.map((f) => order.indexOf(f.severity))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
  })

  test('primary keys without the tenant column are reported when asked', async () => {
    const report = await audit(runtime, { includePrimaryKeys: true })
    expect(codesAndObjects(report)).toEqual(expect.arrayContaining([
      'unique-without-tenant public.good.good_pkey',
      'unique-without-tenant public.users.users_pkey',
    ]))
  })

  test('other schemas are audited only when listed', async () => {
    const report = await audit(runtime, { schemas: ['public', 'other'] })
    expect(codesAndObjects(report)).toEqual(expect.arrayContaining([
      'rls-disabled other.things',
      'policy-missing other.things',
      'tenant-index-missing other.things',
      'function-mutable-search-path other.unpinned()',
    ]))
  })

  test('applying every runnable fix leaves only the findings that need a decision', async () => {
    const fixDb = await createTestDatabase(serverUrl, { prefix: 'db_audit_fix' })
    const fixRuntime = uniqueRoleName('fix_rt')
    const fixOther = uniqueRoleName('fix_other')
    const owner = connect(fixDb.url)
    const client = new pg.Client({ connectionString: fixDb.url })
    try {
      await buildWeakSchema(owner, { runtime: fixRuntime, other: fixOther })
      const options = { role: fixRuntime, tables: ['legacy_accounts'] }
      const before = await auditTenantIsolation(owner, options)
      await client.connect()
      for (const { fix } of before.findings) {
        if (!/^--/m.test(fix)) await client.query(fix)
      }
      const after = await auditTenantIsolation(owner, options)
      expect(codesAndObjects(after)).toEqual([
        'foreign-key-without-tenant public.global_notes.global_notes_good_id_fkey',
        'policy-missing public.legacy_accounts',
        'tenant-column-missing public.legacy_accounts',
        'unique-without-tenant public.users_handle_idx',
      ])
    } finally {
      await client.end()
      await owner.destroy()
      await fixDb.drop()
      await dropRoles(serverUrl, [fixRuntime, fixOther])
    }
  })
})

describe('auditTenantIsolation on the runtime role itself', () => {
  test('reports BYPASSRLS, CREATEROLE, privileged memberships and owner groups', async () => {
    await sql`create role ${roleId(bypasser)} nologin bypassrls`.execute(db)
    await sql`create role ${roleId(group)} nologin`.execute(db)
    await sql`create role ${roleId(weakling)} login bypassrls createrole
      in role ${roleId(bypasser)}, ${roleId(group)}`.execute(db)
    await sql`create table group_owned (tenant_id uuid not null)`.execute(db)
    await sql`alter table group_owned owner to ${roleId(group)}`.execute(db)

    const report = await audit(weakling)
    const roleFindings = codesAndObjects(report).filter((f) => f.startsWith('runtime-role'))
    expect(roleFindings).toEqual([
      `runtime-role-bypassrls ${weakling}`,
      `runtime-role-createrole ${weakling}`,
      `runtime-role-inherits-privileged ${bypasser}`,
      'runtime-role-owns-table public.group_owned',
    ])
  })

  test('reports a superuser runtime role', async () => {
    const report = await audit('postgres')
    expect(codesAndObjects(report)).toContain('runtime-role-superuser postgres')
    expect(report.findings.some((f) => f.code === 'runtime-role-dangerous-privilege'))
      .toBe(false)
  })

  test('reports a runtime role that does not exist', async () => {
    const missing = uniqueRoleName('missing')
    const report = await audit(missing)
    const roleFindings = codesAndObjects(report).filter((f) => f.startsWith('runtime-role'))
    expect(roleFindings).toEqual([`runtime-role-missing ${missing}`])
  })
})

describe('auditTenantIsolation options', () => {
  test('rejects invalid options, listing every problem, before any query', async () => {
    const error = await auditTenantIsolation(db, {
      role: 'app"; drop role x; --',
      tenantSetting: 'tenant',
      schemas: [],
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as ConfigurationError).issues.map((i) => i.path)).toEqual([
      'role', 'schemas', 'tenantSetting',
    ])
  })

  test('rejects a listed table that does not exist', async () => {
    await expect(audit(runtime, { tables: ['public.nope'] })).rejects.toThrow(
      /tables\[0\]: no table public.nope exists/,
    )
  })
})
