import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createTestDatabase, type TestDatabase } from '@tenantkit/testing'
import { sql, type Kysely } from 'kysely'
import { build } from 'tsup'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createRuntimeRole, enableTenantIsolation } from '../src/index'
import buildConfig from '../tsup.config'
import { connect, dropRoles, uniqueRoleName, urlAs } from './fixtures/audit/support'

const serverUrl = inject('tenantkitPostgresUrl')
const role = uniqueRoleName('cli')
const secret = `pw-${randomBytes(8).toString('hex')}`
// Built inside the package so the CLI resolves kysely and pg like users do.
const outDir = join(
  __dirname, '..', 'node_modules', '.cache', `cli-${randomBytes(4).toString('hex')}`,
)
const cli = join(outDir, 'cli.js')
let clean: TestDatabase
let weak: TestDatabase

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs the built `tenantkit` command in a child process. */
function tenantkit(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const options = { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }
    execFile(process.execPath, [cli, ...args], options, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
      resolve({ code, stdout, stderr })
    })
  })
}

/** The owner URL of a database, with a password the server never checks. */
const withSecret = (database: TestDatabase): string => urlAs(database.url, 'postgres', secret)

async function prepare(database: TestDatabase, weakness: boolean): Promise<void> {
  const db: Kysely<unknown> = connect(database.url)
  try {
    await sql`create table accounts (tenant_id uuid not null, id uuid primary key)`.execute(db)
    if (!weakness) await enableTenantIsolation(db, { table: 'accounts' })
  } finally {
    await db.destroy()
  }
}

beforeAll(async () => {
  const [config] = [buildConfig].flat()
  await build({
    ...config,
    entry: { cli: 'src/cli/index.ts' },
    outDir,
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    silent: true,
  })
  clean = await createTestDatabase(serverUrl, { prefix: 'db_cli_clean' })
  weak = await createTestDatabase(serverUrl, { prefix: 'db_cli_weak' })
  const db: Kysely<unknown> = connect(serverUrl)
  try {
    await createRuntimeRole(db, { role })
  } finally {
    await db.destroy()
  }
  await prepare(clean, false)
  await prepare(weak, true)
}, 120_000)

afterAll(async () => {
  await clean?.drop()
  await weak?.drop()
  await dropRoles(serverUrl, [role])
  await rm(outDir, { recursive: true, force: true })
})

describe('tenantkit audit', () => {
  test('exits 0 and says so when isolation holds', async () => {
    const run = await tenantkit(['audit', '--url', withSecret(clean), '--role', role])
    expect(run).toEqual({
      code: 0,
      stdout: `tenantkit audit: no findings (1 tenant table, runtime role ${role})\n`,
      stderr: '',
    })
  })

  test('exits 1 and prints each finding with its fix', async () => {
    const run = await tenantkit(['audit', '--url', withSecret(weak), '--role', role])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('CRITICAL rls-disabled public.accounts')
    expect(run.stdout).toContain('alter table "public"."accounts" enable row level security;')
    expect(run.stdout).toContain('LOW tenant-index-missing public.accounts')
    expect(run.stderr).toBe('')
  })

  test('prints the report as JSON with --json', async () => {
    const run = await tenantkit(['audit', '--url', withSecret(weak), '--role', role, '--json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as { findings: { code: string; object: string }[] }
    expect(report.findings.map((f) => `${f.code} ${f.object}`)).toEqual([
      'rls-disabled public.accounts',
      'policy-missing public.accounts',
      'tenant-index-missing public.accounts',
    ])
  })

  test('reads the URL from TENANTKIT_AUDIT_URL before DATABASE_URL', async () => {
    const both = await tenantkit(['audit', '--role', role], {
      TENANTKIT_AUDIT_URL: withSecret(clean),
      DATABASE_URL: withSecret(weak),
    })
    expect(both.code).toBe(0)
    const fallback = await tenantkit(['audit', '--role', role], { DATABASE_URL: withSecret(weak) })
    expect(fallback.code).toBe(1)
  })

  test('never prints the password, even when the connection fails', async () => {
    const url = `postgres://postgres:${secret}@127.0.0.1:1/${weak.name}`
    const run = await tenantkit(['audit', '--url', url, '--role', role])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`Target: postgres://postgres@127.0.0.1:1/${weak.name}`)
    const json = await tenantkit(['audit', '--url', url, '--role', role, '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'ECONNREFUSED' } })
    const ok = await tenantkit(['audit', '--url', withSecret(weak), '--role', role])
    for (const r of [run, json, ok]) expect(r.stdout + r.stderr).not.toContain(secret)
  })

  test('exits 2 on usage and option errors', async () => {
    const url = withSecret(clean)
    const runs = await Promise.all([
      tenantkit([]),
      tenantkit(['audit', '--url', url]),
      tenantkit(['audit', '--url', url, '--role', role, '--frobnicate']),
      tenantkit(['audit', '--role', role]),
      tenantkit(['audit', '--url', url, '--role', 'bad name']),
      tenantkit(['audit', '--url', url, '--role', role, '--table', 'missing_table']),
    ])
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2])
    expect(runs[1]?.stderr).toContain('--role is required')
    expect(runs[3]?.stderr).toContain('set TENANTKIT_AUDIT_URL or DATABASE_URL')
    expect(runs[4]?.stderr).toContain('role: must be an identifier')
    expect(runs[5]?.stderr).toContain('no table public.missing_table exists')
  })

  test('prints its usage with --help', async () => {
    const run = await tenantkit(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      'Exit codes: 0 no findings, 1 findings, 2 usage or connection error.',
    )
  })
})
