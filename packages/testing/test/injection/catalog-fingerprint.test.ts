import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { diffCatalog } from '../../src/injection/catalog-diff'
import { fingerprintCatalog } from '../../src/injection/catalog-fingerprint'
import { createTenantDatabase, type TenantDatabase } from '../fixtures/tenant-database'

let t: TenantDatabase
const role = `tk_testing_${randomBytes(5).toString('hex')}`
beforeAll(async () => {
  t = await createTenantDatabase('testing_catalog')
})
afterAll(async () => {
  await t.admin.query(`drop role if exists ${role}`)
  await t?.close()
})

// Roles are cluster-wide and other suites create theirs in parallel.
const mine = (name: string): boolean => name === role || name === t.appRole

test('the fingerprint is stable while nothing changes', async () => {
  const a = await fingerprintCatalog(t.admin, { roles: mine })
  const b = await fingerprintCatalog(t.admin, { roles: mine })
  expect(diffCatalog(a, b)).toEqual([])
  expect(a.get('policy public.notes.notes_tenant')).toContain('ALL')
  expect(a.get(`role ${t.appRole}`)).toBe('login member-of=')
})

test('names what an attacker would change', async () => {
  const before = await fingerprintCatalog(t.admin, { roles: mine })
  await t.admin.query(`
    alter table projects disable row level security;
    drop policy projects_tenant on projects;
    alter table notes add column pwned text;
    create function tk_backdoor() returns int language sql as 'select 1';
    grant select on invoices to public;
    create role ${role} nologin bypassrls;
    grant ${role} to ${t.appRole}`)
  const changes = diffCatalog(before, await fingerprintCatalog(t.admin, { roles: mine }))

  expect(changes).toEqual(expect.arrayContaining([
    '+ column public.notes.pwned',
    '+ function public.tk_backdoor()',
    '- policy public.projects.projects_tenant',
    `+ role ${role}`,
    expect.stringMatching(/^~ table public\.projects: r rls=true .* -> r rls=false /),
    expect.stringMatching(/^~ table public\.invoices: .*acl=.* -> .*=r\//),
    `~ role ${t.appRole}: login member-of= -> login member-of=${role}`,
  ]))
})
