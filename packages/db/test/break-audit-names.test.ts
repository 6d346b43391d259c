import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { auditTenantIsolation, formatAuditReport } from '../src/index'
import { connect, dropRoles, roleId, uniqueRoleName } from './fixtures/audit/support'

// Names PostgreSQL allows but tenantkit will not write into fix SQL (a
// space, a dot, a semicolon): the audit must still report every finding,
// with a hand-written-fix note instead of SQL, rather than give up.
const serverUrl = inject('tenantkitPostgresUrl')
const runtime = uniqueRoleName('names_rt')
const TENANT = "(select nullif(current_setting('app.tenant_id', true), '')::uuid)"
let database: TestDatabase
let db: Kysely<unknown>

beforeAll(async () => {
  database = await createTestDatabase(serverUrl, { prefix: 'db_break_audit_names' })
  db = connect(database.url)
  await sql`create role ${roleId(runtime)} login nosuperuser nobypassrls`.execute(db)
  await sql.raw(`
    create schema "we ird";
    create table public."Mixed Case" (tenant_id uuid not null, id int);
    create index on public."Mixed Case" (tenant_id);
    alter table public."Mixed Case" enable row level security;
    alter table public."Mixed Case" force row level security;
    create policy "p; read" on public."Mixed Case" using (tenant_id = ${TENANT});
    create view "we ird"."all rows" as select * from public."Mixed Case";
    create table public."or.ders" (tenant_id uuid not null, id int);
    create index on public."or.ders" (tenant_id);
    alter table public."or.ders" enable row level security;
    alter table public."or.ders" force row level security;
    create policy tenant on public."or.ders"
      using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT});
  `).execute(db)
  await sql`grant truncate on public."Mixed Case" to ${roleId(runtime)}`.execute(db)
  await sql`alter table public."or.ders" owner to ${roleId(runtime)}`.execute(db)
})

afterAll(async () => {
  await db?.destroy()
  await database?.drop()
  await dropRoles(serverUrl, [runtime])
})

test('unusual names found in the catalogs get a note, not an audit failure', async () => {
  const report = await auditTenantIsolation(db, { role: runtime })
  const found = report.findings.map((f) => `${f.code} ${f.object}`).sort()
  expect(found).toEqual([
    'policy-without-with-check public.Mixed Case.p; read',
    'runtime-role-dangerous-privilege public.Mixed Case',
    'runtime-role-owns-table public.or.ders',
    'view-not-security-invoker we ird.all rows',
  ])
  for (const finding of report.findings) {
    expect(finding.fix).toMatch(/^-- a name involved is not a plain identifier/)
  }
  expect(formatAuditReport(report)).toContain('4 findings')
})
